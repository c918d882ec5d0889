package io.restream.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.core.model.Scope;
import io.restream.service.TestApi;
import io.restream.service.TestApi.Res;
import io.restream.service.TestApi.Tenant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every status/code pair of docs/API.md §6 that the control plane can produce, each provoked over HTTP. */
class ErrorCodesIT {
    static TestApi api;
    static Tenant tenant;
    static Map<String, String> alice;

    @BeforeAll
    static void start() {
        api = new TestApi();
        tenant = api.newTenant();
        alice = tenant.as("alice");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static void assertError(Res r, int status, String code) {
        assertEquals(status, r.status(), () -> "body: " + r.text());
        JsonNode e = r.json().get("error");
        assertNotNull(e, r.text());
        assertEquals(code, e.get("code").asText(), r.text());
        assertEquals(status, e.get("status").asInt());
        assertTrue(e.get("message").asText().length() > 3);
    }

    @Test
    void invalidJson() {
        assertError(api.call("POST", "/api/v1/jobs", alice, "{\"publisherSessionId\": "), 400, "invalid_json");
    }

    @Test
    void validationFailedNamesEveryField() {
        Res r = api.call("POST", "/api/v1/jobs", alice, "{\"publisherSessionId\": \"bad id!\", \"destinations\": [], \"trackNames\": [\"smell\"]}");
        assertError(r, 400, "validation_failed");
        JsonNode fields = r.json().get("error").get("fields");
        assertTrue(fields.has("publisherSessionId"));
        assertTrue(fields.has("destinations"));
        assertTrue(fields.has("trackNames"));
    }

    @Test
    void notConnectedNamesTheMissingDestinations() {
        api.connectCustom(alice, "one", "rtmp://127.0.0.1:1935/live");
        Res r = api.goLive(alice, List.of("custom:one", "custom:two", "instagram"));
        assertError(r, 400, "not_connected");
        String message = r.json().get("error").get("message").asText();
        assertTrue(message.contains("custom:two") && message.contains("instagram") && !message.contains("custom:one"), message);
    }

    @Test
    void unknownPlatform() {
        assertError(api.goLive(alice, List.of("myspace")), 400, "unknown_platform");
    }

    @Test
    void urlNotAllowedForOverlayScheme() {
        Res r = api.call("POST", "/api/v1/jobs", alice, Json.write(Map.of("publisherSessionId", "demo-x",
                "destinations", List.of("custom:one"), "overlay", Map.of("topBanner", "ftp://example.com/a.png"))));
        assertError(r, 400, "url_not_allowed");
    }

    @Test
    void urlNotAllowedForPrivateHostsWhenTheOperatorDoesNot() {
        try (TestApi strict = new TestApi(Map.of("RESTREAM_ALLOW_PRIVATE_URLS", "false"))) {
            Map<String, String> bob = strict.newTenant().as("bob");
            for (String url : List.of("rtmp://127.0.0.1/live", "rtmp://10.0.0.8/live", "rtmp://169.254.169.254/live", "rtmp://[::1]/live", "rtmp://metadata.google.internal/x")) {
                assertError(strict.call("POST", "/api/v1/connections/custom", bob,
                        Json.write(Map.of("name", "x", "url", url, "streamKey", "k"))), 400, "url_not_allowed");
            }
        }
    }

    @Test
    void missingCredentials() {
        assertError(api.call("GET", "/api/v1/connections", Map.of(), null), 401, "missing_credentials");
        assertError(api.call("GET", "/api/v1/admin/clients", Map.of(), null), 401, "missing_credentials");
        assertError(api.call("GET", "/api/v1/connections", Map.of("X-API-Key", tenant.secretKey()), null), 401, "missing_credentials");
    }

    @Test
    void invalidCredentials() {
        assertError(api.call("GET", "/api/v1/connections", Map.of("X-API-Key", "sk_live_nope", "X-User-Id", "a"), null), 401, "invalid_credentials");
        assertError(api.call("GET", "/api/v1/admin/clients", Map.of("Authorization", "Bearer wrong"), null), 401, "invalid_credentials");
    }

    @Test
    void revokedKeyStopsAtOnce() {
        Tenant t = api.newTenant();
        assertEquals(200, api.call("GET", "/api/v1/connections", t.as("u"), null).status());
        String keyId = api.admin("GET", "/api/v1/admin/clients/" + t.clientId() + "/keys", null).json().get(0).get("id").asText();
        assertEquals(204, api.admin("DELETE", "/api/v1/admin/keys/" + keyId, null).status());
        assertError(api.call("GET", "/api/v1/connections", t.as("u"), null), 401, "invalid_credentials");
    }

    @Test
    void invalidToken() {
        assertError(api.call("GET", "/api/v1/connections", Map.of("Authorization", "Bearer not.a.jwt"), null), 401, "invalid_token");
        String token = mint(tenant, "alice", List.of("read"));
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertError(api.call("GET", "/api/v1/jobs/current", bearer(tampered), null), 401, "invalid_token");
    }

    @Test
    void tokenExpired() throws Exception {
        String old = api.role.context().tokens()
                .mint(tenant.clientId(), "alice", EnumSet.of(Scope.READ), 60, System.currentTimeMillis() - 3_600_000, "key_test")
                .toCompletableFuture().get().token();
        assertError(api.call("GET", "/api/v1/jobs/current", bearer(old), null), 401, "token_expired");
    }

    @Test
    void deactivatedSigningKeyStopsItsTokens() {
        String token = mint(tenant, "alice", List.of("read", "connect"));
        assertEquals(200, api.call("GET", "/api/v1/connections", bearer(token), null).status());
        JsonNode created = api.admin("POST", "/api/v1/admin/signing-keys", Map.of("alg", "Ed25519")).json();
        assertEquals("active", created.get("status").asText());
        assertTrue(created.get("publicKeyPem").asText().startsWith("-----BEGIN PUBLIC KEY-----"));
        String kidOfOld = header(token);
        assertEquals(200, api.admin("POST", "/api/v1/admin/signing-keys/" + kidOfOld + "/deactivate", null).status());
        assertError(api.call("GET", "/api/v1/connections", bearer(token), null), 401, "invalid_token");
        String fresh = mint(tenant, "alice", List.of("connect"));
        assertEquals(created.get("id").asText(), header(fresh), "the newest active key signs");
        assertEquals(200, api.call("GET", "/api/v1/connections", bearer(fresh), null).status());
        JsonNode jwks = api.call("GET", "/.well-known/jwks.json", Map.of(), null).json();
        assertTrue(jwks.get("keys").toString().contains(created.get("id").asText()));
        assertTrue(!jwks.get("keys").toString().contains(kidOfOld));
    }

    @Test
    void originNotAllowed() {
        String pk = api.newPublishableKey(tenant.clientId(), List.of("read"), List.of("https://app.example.com"));
        Map<String, String> h = new LinkedHashMap<>(Map.of("X-Publishable-Key", pk, "X-User-Id", "alice"));
        assertError(api.call("GET", "/api/v1/jobs/current", h, null), 403, "origin_not_allowed");
        h.put("Origin", "https://evil.example.com");
        assertError(api.call("GET", "/api/v1/jobs/current", h, null), 403, "origin_not_allowed");
        h.put("Origin", "https://app.example.com");
        assertError(api.call("GET", "/api/v1/jobs/current", h, null), 404, "no_job");
    }

    @Test
    void missingScopeNamesTheScope() {
        String pk = api.newPublishableKey(tenant.clientId(), List.of("read"), List.of("https://app.example.com"));
        Res r = api.call("POST", "/api/v1/jobs", Map.of("X-Publishable-Key", pk, "X-User-Id", "alice", "Origin", "https://app.example.com"),
                Json.write(Map.of("publisherSessionId", "demo-x", "destinations", List.of("custom:one"))));
        assertError(r, 403, "missing_scope");
        assertTrue(r.json().get("error").get("message").asText().contains("Missing required scope: restream"));
        String token = mint(tenant, "alice", List.of("read"));
        Res r2 = api.call("POST", "/api/v1/jobs/current/stop", bearer(token), null);
        assertError(r2, 403, "missing_scope");
    }

    @Test
    void platformDisabled() {
        assertError(api.goLive(alice, List.of("twitch")), 403, "platform_disabled");
    }

    @Test
    void notFoundNoJobAndNotConnected() {
        assertError(api.call("GET", "/api/v1/nope", alice, null), 404, "not_found");
        assertError(api.call("GET", "/api/v1/jobs/job_doesnotexist", alice, null), 404, "not_found");
        assertError(api.call("GET", "/api/v1/jobs/current", tenant.as("nobody"), null), 404, "no_job");
        assertError(api.call("POST", "/api/v1/jobs/current/stop", tenant.as("nobody"), null), 404, "no_job");
        assertError(api.call("DELETE", "/api/v1/connections/custom:absent", alice, null), 404, "not_connected");
        assertError(api.admin("POST", "/api/v1/admin/clients/cli_nope/keys", Map.of("type", "secret")), 404, "not_found");
    }

    @Test
    void supersededAndNoActiveJob() {
        Map<String, String> carol = tenant.as("carol");
        assertError(api.call("PATCH", "/api/v1/jobs/current/overlay", carol, "{}"), 409, "no_active_job");
        api.connectCustom(carol, "one", "rtmp://127.0.0.1:1935/live");
        String first = api.goLive(carol, List.of("custom:one")).json().get("id").asText();
        String second = api.goLive(carol, List.of("custom:one")).json().get("id").asText();
        JsonNode old = api.call("GET", "/api/v1/jobs/" + first, carol, null).json();
        assertEquals("stopped", old.get("status").asText());
        assertEquals(second, old.get("supersededBy").asText());
        assertError(api.call("POST", "/api/v1/jobs/" + first + "/stop", carol, null), 409, "superseded");
        Res stop = api.call("POST", "/api/v1/jobs/current/stop", carol, null);
        assertEquals(202, stop.status(), stop.text());
        assertEquals("stopped", stop.json().get("status").asText(), "an unclaimed job stops at once");
        Res again = api.call("POST", "/api/v1/jobs/" + second + "/stop", carol, null);
        assertEquals(200, again.status(), "stopping a finished job returns it unchanged");
        assertError(api.call("PATCH", "/api/v1/jobs/current/overlay", carol, "{\"hideTop\": true}"), 409, "no_active_job");
    }

    @Test
    void bodyTooLarge() {
        String big = "{\"publisherSessionId\": \"" + "x".repeat(70_000) + "\"}";
        assertError(api.call("POST", "/api/v1/jobs", alice, big), 413, "body_too_large");
    }

    @Test
    void rateLimitedWithRetryAfter() {
        try (TestApi tight = new TestApi(Map.of("RESTREAM_RATE_LIMIT_BURST", "3", "RESTREAM_RATE_LIMIT_PER_SECOND", "1"))) {
            Map<String, String> dave = tight.newTenant().as("dave");
            Res last = null;
            for (int i = 0; i < 6; i++) last = tight.call("GET", "/api/v1/connections", dave, null);
            assertError(last, 429, "rate_limited");
            assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1);
        }
    }

    String mint(Tenant t, String userId, List<String> scopes) {
        Res r = api.call("POST", "/api/v1/auth/session", Map.of("X-API-Key", t.secretKey()),
                Json.write(Map.of("userId", userId, "scopes", scopes, "ttlSeconds", 600)));
        assertEquals(200, r.status(), r.text());
        assertEquals(600, r.json().get("expiresIn").asInt());
        return r.json().get("token").asText();
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static String header(String jwt) {
        String json = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
        return Json.read(json, JsonNode.class).get("kid").asText();
    }
}
