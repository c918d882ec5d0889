package io.restream.sim.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies whether or not the simulator's router has a body handler in front. */
final class SimBodies {
    private SimBodies() {}

    static Future<Buffer> raw(RoutingContext rc) {
        if (rc.body() != null && rc.body().available()) {
            Buffer b = rc.body().buffer();
            return Future.succeededFuture(b == null ? Buffer.buffer() : b);
        }
        return rc.request().body();
    }

    static Future<JsonNode> json(RoutingContext rc) {
        return raw(rc).map(b -> {
            String s = b.toString();
            return s.isBlank() ? Json.MAPPER.createObjectNode() : Json.read(s, JsonNode.class);
        });
    }

    static void reply(RoutingContext rc, int status, Object body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Json.write(body));
    }

    static String bearer(RoutingContext rc) {
        String h = rc.request().getHeader("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) && h.length() > 7) return h.substring(7).trim();
        return rc.request().getParam("access_token");
    }
}
