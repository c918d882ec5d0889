package io.restream.service.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.service.ServiceRole;
import io.restream.service.TestApi;
import io.restream.service.http.ApiVerticle;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The contract is code too: every routed path and method is in the OpenAPI document. */
class OpenApiCoverageIT {
    @Test
    void everyRouteIsDocumented() {
        try (TestApi api = new TestApi()) {
            JsonNode doc = Json.read(new String(OpsRoutes.openApiDocument()), JsonNode.class);
            JsonNode served = api.call("GET", "/api/v1/openapi.json", java.util.Map.of(), null).json();
            assertTrue(served.equals(doc), "the served document is the one beside the router");
            Router router = ApiVerticle.router(api.role.context().vertx(), api.role.context(), ServiceRole.routes(api.role.context()));
            List<String> missing = new ArrayList<>();
            int checked = 0;
            for (Route route : router.getRoutes()) {
                String path = route.getPath();
                if (path == null || route.methods() == null || route.methods().isEmpty()) continue;
                String openApiPath = path.replaceAll(":([A-Za-z]+)", "{$1}");
                for (var method : route.methods()) {
                    checked++;
                    JsonNode op = doc.path("paths").path(openApiPath).path(method.name().toLowerCase(Locale.ROOT));
                    if (op.isMissingNode()) missing.add(method.name() + " " + openApiPath);
                }
            }
            assertTrue(checked >= 25, "the router has its routes (" + checked + ")");
            assertTrue(missing.isEmpty(), "not in openapi.json: " + missing);
        }
    }
}
