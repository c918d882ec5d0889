package io.restream.service.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.service.TestApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health, readiness (needs a worker heartbeat), Prometheus metrics, the platform list and the Studio page. */
class OpsIT {
    @Test
    void healthReadinessMetricsPlatformsAndStudio() throws Exception {
        try (TestApi api = new TestApi()) {
            assertEquals(200, api.call("GET", "/healthz", Map.of(), null).status());

            TestApi.Tenant t = api.newTenant();
            api.call("GET", "/api/v1/connections", t.as("m"), null);
            api.call("GET", "/api/v1/jobs/job_missing", t.as("m"), null);
            String metrics = api.call("GET", "/metrics", Map.of(), null).text();
            assertTrue(metrics.contains("restream_http_requests_seconds_count{method=\"GET\",route=\"/api/v1/connections\",status=\"200\"}"), metrics);
            assertTrue(metrics.contains("route=\"/api/v1/jobs/{id}\",status=\"404\""), "ids are folded into {id}");
            assertTrue(metrics.contains("restream_http_requests_seconds_sum"), "latencies are recorded");

            String worker = "wrk_ops_" + io.restream.core.crypto.Tokens.random(6);
            api.role.context().workers().heartbeat(worker, "test-host", 1, List.of(), System.currentTimeMillis()).toCompletableFuture().get();
            TestApi.Res ready = api.call("GET", "/readyz", Map.of(), null);
            assertEquals(200, ready.status(), ready.text());
            JsonNode workers = api.admin("GET", "/api/v1/admin/workers", null).json();
            assertTrue(workers.toString().contains(worker));
            api.role.context().workers().remove(worker).toCompletableFuture().get();

            JsonNode platforms = api.call("GET", "/api/v1/platforms", t.as("m"), null).json();
            assertEquals(6, platforms.size());
            for (JsonNode p : platforms) {
                boolean pasted = p.get("platform").asText().equals("custom") || p.get("platform").asText().equals("instagram");
                assertEquals(pasted, p.get("enabled").asBoolean(), p.toString());
            }
            assertEquals("missing_credentials", api.call("GET", "/api/v1/platforms", Map.of(), null).errorCode());

            TestApi.Res studio = api.call("GET", "/demo/", Map.of(), null);
            assertEquals(200, studio.status());
            assertTrue(studio.text().contains("Restream"));
        }
    }
}
