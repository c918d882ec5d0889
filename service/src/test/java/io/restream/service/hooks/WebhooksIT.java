package io.restream.service.hooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.restream.core.json.Json;
import io.restream.service.TestApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed webhooks through two real API nodes on one Redis and a real HTTP receiver: signatures
 * verify, a receiver answering 500 twice gets the event again with the same id (the 2nd attempt
 * within 10 s, the 3rd within 60 s), each attempt arrives once although two nodes run, the node
 * that made the first attempt can go away without the event being lost, and the operator reads it
 * all in the delivery log.
 */
class WebhooksIT {
    record Received(long at, String signature, String body, int answered) {
        JsonNode json() { return Json.read(body, JsonNode.class); }
    }

    static TestApi nodeA;
    static TestApi nodeB;
    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        nodeA = new TestApi();
        nodeB = new TestApi();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            received.add(new Received(System.currentTimeMillis(), ex.getRequestHeaders().getFirst("Restream-Signature"), body, status));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        nodeB.close();
    }

    @Test
    void aReceiverAnswering500TwiceGetsTheSameSignedEventAgain() {
        TestApi.Tenant tenant = nodeA.newTenant();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        TestApi.Res created = nodeA.admin("POST", "/api/v1/admin/clients/" + tenant.clientId() + "/webhooks", Map.of("url", url));
        assertEquals(201, created.status(), created.text());
        String hookId = created.json().path("id").asText();
        String secret = created.json().path("secret").asText();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(Webhook.EVENTS.size(), created.json().path("events").size(), "all events by default");
        TestApi.Res listed = nodeB.admin("GET", "/api/v1/admin/clients/" + tenant.clientId() + "/webhooks", null);
        assertEquals(200, listed.status());
        assertEquals(hookId, listed.json().path(0).path("id").asText());
        assertFalse(listed.text().contains(secret), "the secret is shown only at creation");
        assertFalse(listed.json().path(0).has("secret"));

        Map<String, String> user = tenant.as("hooked_user");
        assertEquals(201, nodeA.connectCustom(user, "a", "rtmp://127.0.0.1:1935/a").status());
        failuresLeft.set(2);
        String jobId = nodeA.goLive(user, List.of("custom:a")).json().path("id").asText();

        // The first attempt (answered 500) — then the node that made it goes away.
        await().atMost(Duration.ofSeconds(30)).until(() -> !queued(jobId).isEmpty());
        nodeA.close();
        await().atMost(Duration.ofSeconds(90)).until(() -> queued(jobId).size() >= 3);
        List<Received> attempts = queued(jobId);
        assertEquals(List.of(500, 500, 200), attempts.stream().map(Received::answered).toList(), "each attempt arrived once");
        String eventId = attempts.get(0).json().path("id").asText();
        assertTrue(eventId.startsWith("evt_"), eventId);
        for (Received r : attempts) {
            assertEquals(eventId, r.json().path("id").asText(), "the same id every time");
            assertEquals(attempts.get(0).body(), r.body(), "the same body every time");
            assertTrue(Signature.verify(secret, r.signature(), r.body()), "signature verifies: " + r.signature());
            assertFalse(Signature.verify("whsec_wrong", r.signature(), r.body()));
        }
        JsonNode event = attempts.get(0).json();
        assertEquals("hooked_user", event.path("userId").asText());
        assertEquals(jobId, event.path("data").path("id").asText());
        assertEquals(List.of("custom:a"), List.of(event.path("data").path("destinations").path(0).asText()));
        assertTrue(event.path("createdAt").asLong() > 1_600_000_000_000L, "epoch ms");
        long t0 = attempts.get(0).at();
        assertTrue(attempts.get(1).at() - t0 <= 10_000, "2nd attempt within 10 s: " + (attempts.get(1).at() - t0) + " ms");
        assertTrue(attempts.get(2).at() - t0 <= 60_000, "3rd attempt within 60 s: " + (attempts.get(2).at() - t0) + " ms");

        // The operator's delivery log.
        JsonNode log = await().atMost(Duration.ofSeconds(10)).until(
                () -> nodeB.admin("GET", "/api/v1/admin/webhooks/" + hookId + "/deliveries", null).json(),
                l -> l.isArray() && l.size() >= 1 && "delivered".equals(find(l, eventId).path("state").asText()));
        JsonNode entry = find(log, eventId);
        assertEquals("job.queued", entry.path("type").asText());
        assertEquals(3, entry.path("attempts").asInt());
        assertEquals(200, entry.path("lastStatus").asInt());
        assertFalse(log.toString().contains(secret));

        // Stopping makes a new event with a new id.
        assertEquals(202, nodeB.call("POST", "/api/v1/jobs/" + jobId + "/stop", user, null).status());
        Received stopped = await().atMost(Duration.ofSeconds(30)).until(() -> ofType(jobId, "job.stopped"), r -> r != null);
        assertFalse(stopped.json().path("id").asText().equals(eventId));
        assertTrue(Signature.verify(secret, stopped.signature(), stopped.body()));

        // Only the events a webhook asked for; deleting it stops deliveries.
        assertEquals(204, nodeB.admin("DELETE", "/api/v1/admin/webhooks/" + hookId, null).status());
        assertEquals(404, nodeB.admin("GET", "/api/v1/admin/webhooks/" + hookId + "/deliveries", null).status());
        assertEquals(0, nodeB.admin("GET", "/api/v1/admin/clients/" + tenant.clientId() + "/webhooks", null).json().size());
    }

    @Test
    void aConnectionThatNeedsAReconnectIsAnEventAndOnlyAskedForEventsAreSent() throws Exception {
        TestApi.Tenant tenant = nodeB.newTenant();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        TestApi.Res created = nodeB.admin("POST", "/api/v1/admin/clients/" + tenant.clientId() + "/webhooks",
                Map.of("url", url, "events", List.of("connection.needs_reconnect")));
        assertEquals(201, created.status(), created.text());
        assertEquals(List.of("connection.needs_reconnect"), List.of(created.json().path("events").path(0).asText()));
        String secret = created.json().path("secret").asText();
        Map<String, String> user = tenant.as("reconnector");
        assertEquals(201, nodeB.connectCustom(user, "x", "rtmp://127.0.0.1:1935/x").status());
        String jobId = nodeB.goLive(user, List.of("custom:x")).json().path("id").asText();
        var store = new io.restream.core.connections.ConnectionStore(nodeB.redis,
                io.restream.core.crypto.SecretBox.fromConfig(TestApi.TEST_SECRETS_KEY, null));
        store.markNeedsReconnect(new io.restream.core.model.UserRef(tenant.clientId(), "reconnector"), "custom:x", true)
                .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        Received r = await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                .filter(x -> x.json().path("type").asText().equals("connection.needs_reconnect")
                        && x.json().path("userId").asText().equals("reconnector")).findFirst().orElse(null), x -> x != null);
        assertEquals("custom:x", r.json().path("data").path("id").asText());
        assertTrue(r.json().path("data").path("needsReconnect").asBoolean());
        assertTrue(Signature.verify(secret, r.signature(), r.body()));
        assertTrue(queued(jobId).isEmpty(), "job.queued was not asked for");
        assertEquals(202, nodeB.call("POST", "/api/v1/jobs/" + jobId + "/stop", user, null).status());
    }

    @Test
    void urlsPassTheUrlGuardAndEventsAreChecked() {
        String clientId = nodeB.newTenant().clientId();
        String path = "/api/v1/admin/clients/" + clientId + "/webhooks";
        assertEquals("url_not_allowed", nodeB.admin("POST", path, Map.of("url", "ftp://example.com/hook")).errorCode());
        assertEquals("validation_failed", nodeB.admin("POST", path, Map.of("url", "https://example.com/h", "events", List.of("job.exploded"))).errorCode());
        assertEquals("validation_failed", nodeB.admin("POST", path, Map.of()).errorCode());
        assertEquals(404, nodeB.admin("POST", "/api/v1/admin/clients/cli_nope/webhooks", Map.of("url", "https://example.com/h")).status());
        assertEquals(401, nodeB.call("GET", path, Map.of(), null).status());
        try (TestApi strict = new TestApi(Map.of("RESTREAM_ALLOW_PRIVATE_URLS", "false", "RESTREAM_ALLOW_HTTP_OVERLAYS", "false"))) {
            String id = strict.newTenant().clientId();
            String p = "/api/v1/admin/clients/" + id + "/webhooks";
            assertEquals("url_not_allowed", strict.admin("POST", p, Map.of("url", "https://127.0.0.1/hook")).errorCode());
            assertEquals("url_not_allowed", strict.admin("POST", p, Map.of("url", "https://169.254.169.254/latest")).errorCode());
            assertEquals("url_not_allowed", strict.admin("POST", p, Map.of("url", "http://example.com/hook")).errorCode(), "https only");
        }
    }

    private static List<Received> queued(String jobId) {
        return received.stream().filter(r -> r.json().path("type").asText().equals("job.queued")
                && r.json().path("data").path("id").asText().equals(jobId)).toList();
    }

    private static Received ofType(String jobId, String type) {
        return received.stream().filter(r -> r.json().path("type").asText().equals(type)
                && r.json().path("data").path("id").asText().equals(jobId)).findFirst().orElse(null);
    }

    private static JsonNode find(JsonNode log, String eventId) {
        for (JsonNode n : log) if (n.path("eventId").asText().equals(eventId)) return n;
        return Json.MAPPER.createObjectNode();
    }
}
