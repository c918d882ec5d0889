package io.restream.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.service.TestApi;
import io.restream.service.TestApi.Res;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CORS as docs/API.md §1: allowlisted origins are echoed (never *), with Vary: Origin; others refused. */
class CorsIT {
    @Test
    void preflightsAndResponsesEchoOnlyAllowlistedOrigins() {
        try (TestApi api = new TestApi()) {
            TestApi.Tenant t = api.newTenant();
            String origin = "https://studio-" + io.restream.core.crypto.Tokens.random(6).toLowerCase() + ".example.com";
            String pk = api.newPublishableKey(t.clientId(), List.of("read", "restream"), List.of(origin));

            Res preflight = api.call("OPTIONS", "/api/v1/jobs", Map.of("Origin", origin,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-publishable-key,x-user-id,content-type"), null);
            assertEquals(204, preflight.status());
            assertEquals(origin, preflight.header("Access-Control-Allow-Origin"));
            assertTrue(preflight.header("Access-Control-Allow-Headers").contains("X-Publishable-Key"));
            assertTrue(preflight.header("Vary").contains("Origin"));

            Res evil = api.call("OPTIONS", "/api/v1/jobs", Map.of("Origin", "https://evil.example.com", "Access-Control-Request-Method", "POST"), null);
            assertEquals(403, evil.status());
            assertEquals("origin_not_allowed", evil.errorCode());
            assertNull(evil.header("Access-Control-Allow-Origin"));

            Res real = api.call("GET", "/api/v1/jobs/current", Map.of("Origin", origin, "X-Publishable-Key", pk, "X-User-Id", "u1"), null);
            assertEquals(origin, real.header("Access-Control-Allow-Origin"));
            assertTrue(real.header("Vary").contains("Origin"));

            String keyId = api.admin("GET", "/api/v1/admin/clients/" + t.clientId() + "/keys", null).json().findValues("id").stream()
                    .map(n -> n.asText()).filter(id -> !id.isEmpty()).toList().get(1);
            assertEquals(204, api.admin("DELETE", "/api/v1/admin/keys/" + keyId, null).status());
            Res after = api.call("OPTIONS", "/api/v1/jobs", Map.of("Origin", origin, "Access-Control-Request-Method", "POST"), null);
            assertEquals(403, after.status(), "the origin left with its only key");
        }
    }
}
