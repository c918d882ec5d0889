package io.restream.service.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.core.redis.RedisKeys;
import io.restream.service.RawHttp;
import io.restream.service.TestApi;
import io.restream.testkit.LogCapture;
import io.restream.testkit.Fixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events tickets (API.md §1): issued for the caller's user and scopes, spent by the first stream
 * that presents one, refused when used or expired, and never written to the service's logs (nor
 * are {@code ?token=} and {@code ?publishableKey=} values).
 */
class EventTicketIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    static final Fixture<TestApi> api = Fixture.perClass(TestApi::new);

    private static String ticket(Map<String, String> headers) {
        TestApi.Res r = api.get().call("POST", "/api/v1/events/ticket", headers, null);
        assertEquals(200, r.status(), r.text());
        assertEquals(60, r.json().get("expiresIn").asInt());
        return r.json().get("ticket").asText();
    }

    @Test
    void aTicketOpensOneStreamOfItsOwnUserAndIsThenSpent() throws Exception {
        TestApi.Tenant t = api.get().newTenant();
        assertEquals(201, api.get().connectCustom(t.as("alice"), "alice-rtmp", "rtmp://127.0.0.1/live").status());
        assertEquals(201, api.get().connectCustom(t.as("bob"), "bob-rtmp", "rtmp://127.0.0.1/live").status());
        String ticket = ticket(t.as("alice"));
        long ttl = api.get().redis.sync().ttl(RedisKeys.eventTicket(Tokens.sha256Hex(ticket)));
        assertTrue(ttl > 0 && ttl <= 60, "Redis forgets the ticket within 60 s: " + ttl);
        assertFalse(api.get().redis.sync().get(RedisKeys.eventTicket(Tokens.sha256Hex(ticket))).contains(ticket), "only its hash is a key");

        try (SseClient sse = new SseClient(api.get().base + "/api/v1/events?ticket=" + ticket, Map.of())) {
            assertEquals(200, sse.status);
            await().atMost(WAIT).until(() -> !sse.ofType("connections").isEmpty());
            JsonNode conns = sse.ofType("connections").get(0).json();
            assertEquals(1, conns.size());
            assertEquals("custom:alice-rtmp", conns.get(0).get("id").asText(), "alice's stream, not bob's");
        }
        TestApi.Res again = api.get().call("GET", "/api/v1/events?ticket=" + ticket, Map.of(), null);
        assertEquals(401, again.status());
        assertEquals("invalid_credentials", again.errorCode());
        assertEquals(0L, api.get().redis.sync().exists(RedisKeys.eventTicket(Tokens.sha256Hex(ticket))));
    }

    @Test
    void twoStreamsRacingForOneTicketOpenOnlyOne() throws Exception {
        TestApi.Tenant t = api.get().newTenant();
        String ticket = ticket(t.as("racer"));
        var results = new CopyOnWriteArrayList<Integer>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread th = new Thread(() -> {
                try (SseClient c = new SseClient(api.get().base + "/api/v1/events?ticket=" + ticket, Map.of())) {
                    results.add(c.status);
                } catch (Exception e) {
                    results.add(-1);
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) th.join(20_000);
        assertEquals(8, results.size());
        assertEquals(1, results.stream().filter(s -> s == 200).count(), "exactly one stream: " + results);
        assertEquals(7, results.stream().filter(s -> s == 401).count(), results.toString());
    }

    @Test
    void anExpiredOrUnknownTicketIsInvalidCredentials() {
        TestApi.Tenant t = api.get().newTenant();
        String ticket = ticket(t.as("late"));
        api.get().redis.sync().pexpire(RedisKeys.eventTicket(Tokens.sha256Hex(ticket)), 1);
        await().atMost(WAIT).until(() -> api.get().redis.sync().exists(RedisKeys.eventTicket(Tokens.sha256Hex(ticket))) == 0L);
        TestApi.Res expired = api.get().call("GET", "/api/v1/events?ticket=" + ticket, Map.of(), null);
        assertEquals(401, expired.status());
        assertEquals("invalid_credentials", expired.errorCode());
        TestApi.Res unknown = api.get().call("GET", "/api/v1/events?ticket=" + "x".repeat(500), Map.of(), null);
        assertEquals(401, unknown.status());
        assertEquals("invalid_credentials", unknown.errorCode());
        // A ticket is for the events route only.
        String other = ticket(t.as("late"));
        assertEquals(401, api.get().call("GET", "/api/v1/viewers?ticket=" + other, Map.of(), null).status());
    }

    @Test
    void aTicketNeedsReadAndKeepsTheCallersScopes() {
        TestApi.Tenant t = api.get().newTenant();
        String origin = "https://tickets.example.com";
        String connectOnly = api.get().newPublishableKey(t.clientId(), List.of("connect"), List.of(origin));
        TestApi.Res denied = api.get().call("POST", "/api/v1/events/ticket",
                Map.of("X-Publishable-Key", connectOnly, "X-User-Id", "u1", "Origin", origin), null);
        assertEquals(403, denied.status());
        assertEquals("missing_scope", denied.errorCode());

        String readOnly = api.get().newPublishableKey(t.clientId(), List.of("read"), List.of(origin));
        String ticket = ticket(Map.of("X-Publishable-Key", readOnly, "X-User-Id", "u1", "Origin", origin));
        JsonNode stored = Json.read(api.get().redis.sync().get(RedisKeys.eventTicket(Tokens.sha256Hex(ticket))), JsonNode.class);
        assertEquals("[\"read\"]", stored.get("scp").toString(), "the ticket carries the key's scopes, no more");
        assertEquals(t.clientId(), stored.get("cid").asText());
        assertEquals("u1", stored.get("uid").asText());

        String token = api.get().call("POST", "/api/v1/auth/session", Map.of("X-API-Key", t.secretKey()),
                Json.write(Map.of("userId", "u2", "scopes", List.of("read")))).json().get("token").asText();
        assertEquals(200, api.get().call("POST", "/api/v1/events/ticket", Map.of("Authorization", "Bearer " + token), null).status());
        assertEquals(401, api.get().call("POST", "/api/v1/events/ticket", Map.of(), null).status());
    }

    @Test
    void queryCredentialsNeverReachTheLogs() throws Exception {
        TestApi.Tenant t = api.get().newTenant();
        String origin = "https://logs.example.com";
        String pk = api.get().newPublishableKey(t.clientId(), List.of("read"), List.of(origin));
        String token = api.get().call("POST", "/api/v1/auth/session", Map.of("X-API-Key", t.secretKey()),
                Json.write(Map.of("userId", "u3", "scopes", List.of("read")))).json().get("token").asText();
        try (LogCapture logs = new LogCapture()) {
            String ticket = ticket(t.as("u3"));
            try (SseClient a = new SseClient(api.get().base + "/api/v1/events?ticket=" + ticket, Map.of());
                 SseClient b = new SseClient(api.get().base + "/api/v1/events?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), Map.of());
                 SseClient c = new SseClient(api.get().base + "/api/v1/events?publishableKey=" + pk + "&userId=u3", Map.of("Origin", origin))) {
                assertEquals(200, a.status);
                assertEquals(200, b.status);
                assertEquals(200, c.status);
            }
            // Failures are logged at most as a route, never with the query.
            assertEquals(401, api.get().call("GET", "/api/v1/events?ticket=" + ticket, Map.of(), null).status());
            for (String target : List.of("/api/v1/events?token=" + token.substring(0, 40) + "%zz",
                    "/api/v1/events?publishableKey=" + pk + "&userId=%%", "/api/v1/nope?token=" + token,
                    "/api/v1/ev%zzents?token=" + token)) {
                int status = RawHttp.send(api.get().base, "GET", target, "", null, 10_000).status();
                assertTrue(status >= 400 && status < 500, target + " answered " + status);
            }
            String metrics = api.get().call("GET", "/metrics", Map.of(), null).text();
            for (String secret : List.of(ticket, token, token.substring(0, 40), pk)) {
                assertFalse(metrics.contains(secret), "metrics carry no query credential");
                for (String line : logs.lines) assertFalse(line.contains(secret), "logged a query credential: " + line);
            }
        }
    }
}
