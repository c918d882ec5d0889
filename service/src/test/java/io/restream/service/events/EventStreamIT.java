package io.restream.service.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.chat.ChatLog;
import io.restream.core.chat.ViewerStore;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.core.model.Comment;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.model.Viewers;
import io.restream.service.TestApi;
import io.restream.service.http.ApiVerticle;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/events}, {@code GET /api/v1/chat/messages} and {@code GET /api/v1/viewers} over real HTTP. */
class EventStreamIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TestApi api;
    private static TestApi secondNode;
    private static ChatLog chat;

    @BeforeAll
    static void start() {
        api = new TestApi();
        secondNode = new TestApi();
        chat = new ChatLog(api.redis);
    }

    @AfterAll
    static void stop() {
        secondNode.close();
        api.close();
    }

    private record User(TestApi.Tenant tenant, String userId, UserRef ref) {
        Map<String, String> headers() { return tenant.as(userId); }
    }

    private static User newUser() {
        TestApi.Tenant t = api.newTenant();
        String uid = "u_" + Tokens.random(6);
        return new User(t, uid, new UserRef(t.clientId(), uid));
    }

    private static SseClient subscribe(TestApi node, User u, Map<String, String> extra) throws Exception {
        Map<String, String> h = new java.util.HashMap<>(u.headers());
        h.putAll(extra);
        SseClient c = new SseClient(node.base + "/api/v1/events", h);
        assertEquals(200, c.status);
        return c;
    }

    private static String say(User u, Platform p, String platformId, String text) throws Exception {
        Comment c = new Comment(p.id() + ":" + platformId, p, "viewer-" + platformId, "https://img.example/a.png", text, 1_700_000_000_123L);
        return chat.append(u.ref(), c).toCompletableFuture().get(5, TimeUnit.SECONDS).orElse(null);
    }

    @Test
    void aCommentReachesTheSubscriberOnceWithItsLogIdAndFields() throws Exception {
        User u = newUser();
        try (SseClient sse = subscribe(api, u, Map.of())) {
            await().atMost(WAIT).until(() -> !sse.ofType("connections").isEmpty());
            String id = say(u, Platform.KICK, "k-1", "hello from kick");
            say(u, Platform.KICK, "k-1", "hello from kick"); // the platform redelivers
            await().atMost(WAIT).until(() -> sse.comments().size() == 1);
            SseClient.Event e = sse.comments().get(0);
            assertEquals(id, e.id());
            assertEquals("kick:k-1", e.json().get("id").asText());
            assertEquals("kick", e.json().get("platform").asText());
            assertEquals("viewer-k-1", e.json().get("author").asText());
            assertEquals("hello from kick", e.json().get("message").asText());
            assertEquals(1_700_000_000_123L, e.json().get("timestamp").asLong());
            say(u, Platform.TWITCH, "t-2", "second");
            await().atMost(WAIT).until(() -> sse.comments().size() == 2);
            assertEquals(1, sse.comments().stream().filter(c -> c.json().get("id").asText().equals("kick:k-1")).count());
        }
    }

    @Test
    void reconnectingWithTheLastIdGivesExactlyTheMissedComments() throws Exception {
        User u = newUser();
        String last;
        try (SseClient sse = subscribe(api, u, Map.of())) {
            say(u, Platform.TWITCH, "a", "before 1");
            say(u, Platform.TWITCH, "b", "before 2");
            await().atMost(WAIT).until(() -> sse.comments().size() == 2);
            last = sse.lastCommentId();
        }
        say(u, Platform.YOUTUBE, "c", "missed 1");
        say(u, Platform.KICK, "d", "missed 2");
        say(u, Platform.FACEBOOK, "e", "missed 3");
        try (SseClient header = subscribe(api, u, Map.of("Last-Event-ID", last));
             SseClient query = new SseClient(api.base + "/api/v1/events?lastEventId=" + last, u.headers())) {
            for (SseClient sse : List.of(header, query)) {
                await().atMost(WAIT).until(() -> !sse.ofType("connections").isEmpty());
                assertEquals(List.of("missed 1", "missed 2", "missed 3"),
                        sse.comments().stream().map(c -> c.json().get("message").asText()).toList());
            }
            say(u, Platform.TWITCH, "f", "live after replay");
            await().atMost(WAIT).until(() -> header.comments().size() == 4 && query.comments().size() == 4);
            assertEquals("live after replay", header.comments().get(3).json().get("message").asText());
        }
    }

    @Test
    void withoutAnIdTheLatest200AreReplayedOldestFirstThenTheState() throws Exception {
        User u = newUser();
        for (int i = 0; i < 205; i++) say(u, Platform.TWITCH, "m" + i, "n" + i);
        try (SseClient sse = subscribe(api, u, Map.of())) {
            await().atMost(WAIT).until(() -> !sse.ofType("connections").isEmpty());
            List<String> texts = sse.comments().stream().map(c -> c.json().get("message").asText()).toList();
            assertEquals(IntStream.range(5, 205).mapToObj(i -> "n" + i).toList(), texts);
            List<String> order = sse.events.stream().map(SseClient.Event::type).distinct().toList();
            assertEquals(List.of("comment", "viewers", "connections"), order, "no job yet: comments, then viewers, then connections");
            assertEquals(0, sse.ofType("viewers").get(0).json().get("total").asLong());
        }
        TestApi.Res list = api.call("GET", "/api/v1/chat/messages?limit=3", u.headers(), null);
        assertEquals(200, list.status());
        assertEquals(List.of("n202", "n203", "n204"), textsOf(list));
        assertEquals(200, api.call("GET", "/api/v1/chat/messages", u.headers(), null).json().size());
        assertEquals("validation_failed", api.call("GET", "/api/v1/chat/messages?limit=0", u.headers(), null).errorCode());
        assertEquals(400, api.call("GET", "/api/v1/events?lastEventId=nope", u.headers(), null).status());
    }

    @Test
    void bothApiNodesDeliverCommentsAndJobChangesToTheirSubscribers() throws Exception {
        User u = newUser();
        try (SseClient a = subscribe(api, u, Map.of()); SseClient b = subscribe(secondNode, u, Map.of())) {
            await().atMost(WAIT).until(() -> !a.ofType("connections").isEmpty() && !b.ofType("connections").isEmpty());
            say(u, Platform.FACEBOOK, "fb-1", "to every node");
            await().atMost(WAIT).until(() -> a.comments().size() == 1 && b.comments().size() == 1);
            assertEquals(a.comments().get(0).id(), b.comments().get(0).id());
            // A job change made on node A (as the worker would, through Redis) reaches node B's subscriber.
            assertEquals(201, api.connectCustom(u.headers(), "dest", "rtmp://127.0.0.1/live").status());
            String jobId = api.goLive(u.headers(), List.of("custom:dest")).json().get("id").asText();
            api.role.context().jobs().transition(jobId, Set.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of())
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> b.ofType("job").stream().anyMatch(e ->
                    e.json().get("id").asText().equals(jobId) && e.json().get("status").asText().equals("running")));
            await().atMost(WAIT).until(() -> b.ofType("connections").size() >= 2);
        }
    }

    @Test
    void viewerCountsOfTheRunningJobAreServedAndStreamed() throws Exception {
        User u = newUser();
        assertEquals(0, api.call("GET", "/api/v1/viewers", u.headers(), null).json().get("total").asLong());
        api.connectCustom(u.headers(), "dest", "rtmp://127.0.0.1/live");
        String jobId = api.goLive(u.headers(), List.of("custom:dest")).json().get("id").asText();
        ViewerStore store = new ViewerStore(api.redis);
        store.put(u.ref(), jobId, new Viewers(17, Map.of("twitch", 12L, "kick", 5L), 1L)).toCompletableFuture().get();
        assertEquals(0, api.call("GET", "/api/v1/viewers", u.headers(), null).json().get("total").asLong(),
                "a queued job is not live yet");
        api.role.context().jobs().transition(jobId, Set.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of())
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        var body = api.call("GET", "/api/v1/viewers", u.headers(), null).json();
        assertEquals(17, body.get("total").asLong());
        assertEquals(12, body.get("platforms").get("twitch").asLong());
        assertEquals(5, body.get("platforms").get("kick").asLong());
        try (SseClient sse = subscribe(api, u, Map.of())) {
            await().atMost(WAIT).until(() -> !sse.ofType("viewers").isEmpty());
            assertEquals(17, sse.ofType("viewers").get(0).json().get("total").asLong());
            store.put(u.ref(), jobId, new Viewers(20, Map.of("twitch", 20L), 2L)).toCompletableFuture().get();
            await().atMost(WAIT).until(() -> sse.ofType("viewers").stream().anyMatch(e -> e.json().get("total").asLong() == 20));
        }
    }

    @Test
    void queryCredentialsWorkOnTheEventsRouteOnly() throws Exception {
        User u = newUser();
        String token = api.call("POST", "/api/v1/auth/session", Map.of("X-API-Key", u.tenant().secretKey()),
                Json.write(Map.of("userId", u.userId(), "scopes", List.of("read")))).json().get("token").asText();
        String q = "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        try (SseClient sse = new SseClient(api.base + "/api/v1/events" + q, Map.of())) {
            assertEquals(200, sse.status);
            say(u, Platform.TWITCH, "q1", "via query token");
            await().atMost(WAIT).until(() -> sse.comments().size() == 1);
        }
        assertEquals(401, api.call("GET", "/api/v1/viewers" + q, Map.of(), null).status());
        assertEquals(401, api.call("GET", "/api/v1/chat/messages" + q, Map.of(), null).status());
        assertEquals(401, api.call("GET", "/api/v1/events", Map.of(), null).status());
        String noRead = api.call("POST", "/api/v1/auth/session", Map.of("X-API-Key", u.tenant().secretKey()),
                Json.write(Map.of("userId", u.userId(), "scopes", List.of("connect")))).json().get("token").asText();
        TestApi.Res denied = api.call("GET", "/api/v1/events?token=" + noRead, Map.of(), null);
        assertEquals(403, denied.status());
        assertEquals("missing_scope", denied.errorCode());
    }

    @Test
    void idleStreamsArePingedAndClosedStreamsLeaveTheHub() throws Exception {
        var ctx = api.role.context();
        ApiVerticle fastPing = new ApiVerticle(ctx, c -> List.of(new EventRoutes(c, Duration.ofMillis(200))), 0);
        ctx.vertx().deployVerticle(fastPing).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        User u = newUser();
        EventHub hub = EventHub.of(ctx);
        int before = hub.channels();
        try (SseClient sse = new SseClient("http://127.0.0.1:" + fastPing.actualPort() + "/api/v1/events", u.headers())) {
            await().atMost(WAIT).until(() -> sse.pings.get() >= 2);
            assertEquals(before + 1, hub.channels());
            assertTrue(api.call("GET", "/metrics", Map.of(), null).text().contains("restream_sse_streams"));
        }
        await().atMost(WAIT).until(() -> hub.channels() == before);
    }

    @Test
    void aUsersStreamsOnOneEventLoopGetEachCommentFromOneFanOutTask() throws Exception {
        var ctx = api.role.context();
        ApiVerticle oneLoop = new ApiVerticle(ctx, c -> List.of(new EventRoutes(c, Duration.ofSeconds(15))), 0);
        ctx.vertx().deployVerticle(oneLoop).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        User u = newUser();
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                streams.add(new SseClient("http://127.0.0.1:" + oneLoop.actualPort() + "/api/v1/events", u.headers()));
            }
            for (SseClient s : streams) await().atMost(WAIT).until(() -> !s.ofType("connections").isEmpty());
            long before = fanOuts();
            String id = say(u, Platform.KICK, "k-fan", "one task for six streams");
            for (SseClient s : streams) await().atMost(WAIT).until(() -> s.ofType("comment").stream().anyMatch(e -> id.equals(e.id())));
            // Each stream's context is its own request's: grouped by that, this was 6 tasks (and 6 timings).
            await().atMost(WAIT).until(() -> fanOuts() > before);
            assertEquals(before + 1, fanOuts());
        } finally {
            for (SseClient s : streams) s.close();
        }
    }

    /** How many fan-out tasks this API process has run ({@code restream_sse_fanout_seconds_count}). */
    private static long fanOuts() {
        for (String line : api.call("GET", "/metrics", Map.of(), null).text().split("\n")) {
            if (line.startsWith("restream_sse_fanout_seconds_count")) return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return 0;
    }

    @Test
    void aRedisReconnectEndsStreamsAndResumingWithTheLastIdLosesNothing() throws Exception {
        User u = newUser();
        String last;
        try (SseClient sse = subscribe(api, u, Map.of())) {
            say(u, Platform.TWITCH, "r1", "before the reconnect");
            await().atMost(WAIT).until(() -> sse.comments().size() == 1);
            last = sse.lastCommentId();
            // Drop every pub/sub connection: Lettuce reconnects and subscribes again, and anything
            // published in between is gone from pub/sub (but not from the chat log).
            api.redis.sync().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
            say(u, Platform.TWITCH, "r2", "during the reconnect");
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.ended);
        }
        try (SseClient again = subscribe(api, u, Map.of("Last-Event-ID", last))) {
            say(u, Platform.TWITCH, "r3", "after the reconnect");
            await().atMost(WAIT).until(() -> again.comments().size() == 2);
            assertEquals(List.of("during the reconnect", "after the reconnect"),
                    again.comments().stream().map(c -> c.json().get("message").asText()).toList());
        }
    }

    private static List<String> textsOf(TestApi.Res res) {
        List<String> out = new ArrayList<>();
        res.json().forEach(n -> out.add(n.get("message").asText()));
        return out;
    }
}
