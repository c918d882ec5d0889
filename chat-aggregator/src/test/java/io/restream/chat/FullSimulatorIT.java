package io.restream.chat;

import io.restream.service.events.SseClient;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.connections.StoredConnection;
import io.restream.core.crypto.Tokens;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.NewJob;
import io.restream.core.json.Json;
import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.Connection;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.platforms.port.JobContext;
import io.restream.platforms.OAuthConfig;
import io.restream.platforms.PlatformAdapters;
import io.restream.sim.state.SimPlatform;
import io.restream.sim.state.SimToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.restream.testkit.ServiceKit;
import io.restream.testkit.SimulatorKit;

/**
 * The whole product's chat against the whole simulator, wired as the launcher wires it:
 * {@link PlatformAdapters#create} from a sandbox {@link OAuthConfig}, tokens issued by the
 * simulator's OAuth servers (and checked by its chat endpoints), the service, one aggregator.
 */
class FullSimulatorIT {
    @RegisterExtension
    static final SimulatorKit sim = SimulatorKit.full();
    @RegisterExtension
    static final ServiceKit api = ServiceKit.withPlatforms(sim).with("RESTREAM_HTTP_VERTICLES", "1");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static ChatRole chat;

    @BeforeAll
    static void start() {
        sim.call("PUT", "/sim/kick/webhook", Map.of("url", api.base() + "/webhooks/kick"));
        chat = new ChatRole(new ChatConfig("chat_full", 3_000, 200, 500), api.redisKit().redis(), api.api().box, api.adapters());
        chat.start();
    }

    @AfterAll
    static void stop() {
        chat.close();
    }

    @Test
    void chatInChatOutAndViewersOnEveryPlatformThroughTheRealSimulator() throws Exception {
        ServiceKit.User u = api.newUser();
        UserRef user = u.ref();
        Map<String, String> headers = u.headers();
        ConnectionStore connections = api.connections();
        PlatformAdapters adapters = api.adapters();
        List<String> destinations = List.of("twitch", "kick", "facebook", "youtube");
        Map<String, StoredConnection> stored = new HashMap<>();
        for (String d : destinations) {
            SimPlatform p = sim.simulator().state().platform(d);
            var account = p.user("streamer");
            SimToken t = p.issue(account, p.clientId, SimPlatform.scopes(api.oauthConfig().scopes(Platform.fromId(d).orElseThrow())), true);
            Connection c = new Connection(d, Platform.fromId(d).orElseThrow(), account.login(), account.id(), System.currentTimeMillis(), false);
            ConnectionSecrets s = new ConnectionSecrets(null, null, t.access, t.refresh, t.expiresAtMs, null, Map.of());
            connections.put(user, c, s).toCompletableFuture().get(5, TimeUnit.SECONDS);
            stored.put(d, new StoredConnection(c, s));
        }
        // YouTube and Facebook chat live on the job's broadcast: create them the way the worker does.
        String jobId = Tokens.id("job");
        JobContext job = new JobContext(jobId, user, Map.of());
        Map<String, String> broadcastIds = new HashMap<>();
        for (String d : List.of("youtube", "facebook")) {
            broadcastIds.put(d, adapters.broadcastSetup(Platform.fromId(d).orElseThrow()).orElseThrow().start(stored.get(d), job).broadcastId());
        }
        JobStore jobs = new JobStore(api.redisKit().redis());
        jobs.create(new NewJob(jobId, user, "demo-full", destinations, List.of("audio", "video"), null, false, null, System.currentTimeMillis()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        List<Broadcast> broadcasts = new ArrayList<>();
        for (String d : destinations) {
            broadcasts.add(new Broadcast(d, Platform.fromId(d).orElseThrow(), BroadcastState.LIVE, null, broadcastIds.get(d), null, 0, null));
        }
        jobs.updateBroadcasts(jobId, broadcasts).toCompletableFuture().get(5, TimeUnit.SECONDS);
        jobs.transition(jobId, Set.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);

        try (SseClient sse = new SseClient(api.base() + "/api/v1/events", headers)) {
            for (String d : destinations) {
                // Keep writing until this platform's session is open, then every message must arrive once.
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(700)).until(() -> {
                    call("POST", sim.baseUrl() + "/sim/" + d + "/chat", Map.of(), Map.of("author", "fan-" + d, "message", "hi " + d));
                    return sse.comments().stream().anyMatch(e -> e.json().get("platform").asText().equals(d));
                });
            }
            JsonNode results = call("POST", api.base() + "/api/v1/chat/messages", headers, Map.of("message", "thanks all")).get("results");
            assertEquals(4, results.size());
            results.forEach(r -> assertTrue(r.get("ok").asBoolean(), r.toString()));
            for (String d : destinations) {
                JsonNode sent = call("GET", sim.baseUrl() + "/sim/" + d + "/chat/sent", Map.of(), null);
                assertTrue(sent.toString().contains("thanks all"), d + " got the message: " + sent);
            }
            for (String d : destinations) call("PUT", sim.baseUrl() + "/sim/" + d + "/viewers", Map.of(), Map.of("count", 10));
            await().atMost(Duration.ofSeconds(5)).until(() -> sse.ofType("viewers").stream().anyMatch(e -> e.json().get("total").asLong() == 40));
        }
        sim.simulator().state().platform("twitch").revokeAll();
        JsonNode afterRevoke = call("POST", api.base() + "/api/v1/chat/messages", headers, Map.of("message", "revoked", "platforms", List.of("twitch")));
        assertEquals(false, afterRevoke.get("results").get(0).get("ok").asBoolean(), "a revoked token is refused by the simulator");
        jobs.transition(jobId, Set.of(JobStatus.RUNNING), JobStatus.STOPPED, Map.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static JsonNode call(String method, String url, Map<String, String> headers, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        if (body != null) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        try {
            String text = http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
            return text == null || text.isBlank() ? Json.MAPPER.createObjectNode() : Json.read(text, JsonNode.class);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + url, e);
        }
    }
}
