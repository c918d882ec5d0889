package io.restream.sdk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.crypto.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * A live session seen through listeners, against the product in sandbox shape: connections on
 * start, the job running with watch URLs, each simulated chat message once, summed viewers,
 * per-platform send results, and the listener thread's guarantees.
 */
class StudioLiveIT {
    static final Sandbox sandbox = Sandbox.get();

    @Test
    void aLiveSessionThroughListeners() throws Exception {
        Sandbox.Tenant t = sandbox.newTenant();
        String user = "live_" + Tokens.random(5);
        sandbox.seedConnection(t, user, "twitch");
        sandbox.seedConnection(t, user, "kick");
        RestreamStudio studio = RestreamStudio.create(sandbox.options().secretKey(t.secretKey()).userId(user).build());
        Recorder rec = new Recorder();
        AtomicInteger thrown = new AtomicInteger();
        AtomicInteger afterClose = new AtomicInteger();
        studio.listen(rec);
        studio.listen(new StudioListener() {
            @Override public void onComment(Comment c) {
                thrown.incrementAndGet();
                throw new IllegalStateException("a broken listener");
            }
        });
        AutoCloseable[] handle = new AutoCloseable[1];
        handle[0] = studio.listen(new StudioListener() {
            @Override public void onComment(Comment c) { afterClose.incrementAndGet(); }
        });
        try (studio) {
            studio.start();
            assertEquals(Set.of("twitch", "kick"), ids(studio.connections()), "start() returns with the connections loaded");
            assertTrue(studio.job().isEmpty());
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(rec.lastConnections()).equals(Set.of("twitch", "kick")));

            studio.connectCustom("relay", "rtmp://127.0.0.1:" + sandbox.sim.rtmpPort() + "/live/relay-key", "relay-key");
            studio.arm(List.of("twitch", "kick", "custom:relay"));
            Job queued = studio.goLive(GoLive.session("demo-" + user));
            assertEquals(queued.id(), studio.job().orElseThrow().id());
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> rec.jobs.stream().anyMatch(j ->
                    j.id().equals(queued.id()) && j.status().equals("running") && watchUrls(j).keySet().containsAll(Set.of("twitch", "kick"))));
            Job running = studio.job().orElseThrow();
            assertEquals("running", running.status());
            watchUrls(running).values().forEach(u -> assertTrue(u.startsWith("http"), u));

            // Chat opens per platform once the aggregator sees the running job: write until one arrives.
            for (String p : List.of("twitch", "kick")) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(700)).until(() -> {
                    sandbox.say(p, "warm", "warm-up " + p + " " + Tokens.random(4));
                    return rec.comments.stream().anyMatch(c -> c.platform().equals(p));
                });
            }
            int closedAt = afterClose.get();
            handle[0].close();
            List<String> messages = new ArrayList<>();
            for (int i = 0; i < 3; i++) messages.add(say("twitch", "Tom", "twitch says " + i));
            for (int i = 0; i < 2; i++) messages.add(say("kick", "Kim", "kick says " + i));
            await().atMost(Duration.ofSeconds(20)).until(() -> messages.stream().allMatch(m -> rec.count(m) >= 1));
            await().atMost(Duration.ofSeconds(3)).until(() -> rec.lastList.get().equals(studio.comments()));
            messages.forEach(m -> assertEquals(1, rec.count(m), m + " came once"));
            assertEquals(rec.comments.size(), rec.comments.stream().map(Comment::id).distinct().count(), "no comment id twice");
            assertEquals(rec.comments.size(), thrown.get(), "the throwing listener kept being called, once per comment");
            assertEquals(closedAt, afterClose.get(), "a closed listen() handle gets no more callbacks");
            Comment first = rec.comments.stream().filter(c -> c.message().equals("twitch says 0")).findFirst().orElseThrow();
            assertEquals("Tom", first.author());
            assertTrue(Math.abs(System.currentTimeMillis() - first.timestamp()) < 600_000, "timestamp is epoch ms: " + first.timestamp());

            sandbox.viewers("twitch", 12);
            sandbox.viewers("kick", 5);
            await().atMost(Duration.ofSeconds(40)).until(() -> studio.viewers().total() == 17);
            assertEquals(12L, studio.viewers().platforms().get("twitch").longValue());
            assertEquals(5L, studio.viewers().platforms().get("kick").longValue());
            assertTrue(rec.viewers.stream().anyMatch(v -> v.total() == 17));

            List<SendResult> results = studio.sendChat("thanks all");
            assertEquals(Set.of("twitch", "kick"), results.stream().map(SendResult::platform).collect(Collectors.toSet()),
                    "one result per chat platform, none for the custom destination: " + results);
            results.forEach(r -> assertTrue(r.ok(), r.toString()));
            assertTrue(texts(sandbox.sent("twitch")).contains("thanks all"));
            assertTrue(texts(sandbox.sent("kick")).contains("thanks all"));
            assertEquals(List.of("kick"), studio.sendChat("only kick", List.of("kick")).stream().map(SendResult::platform).toList());

            // More than 200 comments: a studio started later holds the same latest 200.
            for (int i = 0; i < 205; i++) sandbox.say("twitch", "Bulk", "bulk " + i);
            await().atMost(Duration.ofSeconds(60)).until(() -> rec.count("bulk 204") == 1 && rec.lastList.get().equals(studio.comments()));
            assertEquals(200, studio.comments().size());
            try (RestreamStudio later = RestreamStudio.create(sandbox.options().secretKey(t.secretKey()).userId(user).build())) {
                Recorder laterRec = new Recorder();
                later.listen(laterRec);
                later.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> later.comments().equals(studio.comments()));
                assertEquals(200, laterRec.comments.size(), "the replay: each of the 200 once");
            }
            assertEquals(Set.of("restream-sdk-listeners"), rec.threads, "every call on the one SDK listener thread");

            Job stopped = studio.stopLive();
            assertEquals(queued.id(), stopped.id());
            await().atMost(Duration.ofSeconds(30)).until(() -> studio.job().orElseThrow().status().equals("stopped"));
        }
    }

    @Test
    void anotherClientsConnectCustomAndDisconnectShowInTheSnapshotWithinFiveSeconds() {
        Sandbox.Tenant t = sandbox.newTenant();
        String user = "snap_" + Tokens.random(5);
        try (RestreamStudio watcher = RestreamStudio.create(sandbox.options().publishableKey(t.publishableKey()).userId(user).origin("http://localhost:3000").build());
             RestreamStudio actor = RestreamStudio.create(sandbox.options().secretKey(t.secretKey()).userId(user).build())) {
            Recorder rec = new Recorder();
            watcher.listen(rec);
            watcher.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> rec.opens.get() == 1);
            actor.connectCustom("side", "rtmp://127.0.0.1:1935/live", "k");
            await().atMost(Duration.ofSeconds(5)).until(() -> ids(watcher.connections()).equals(Set.of("custom:side")));
            actor.disconnect("custom:side");
            await().atMost(Duration.ofSeconds(5)).until(() -> watcher.connections().isEmpty());
            assertTrue(rec.lastConnections().isEmpty());
        }
    }

    private static String say(String platform, String author, String message) {
        sandbox.say(platform, author, message);
        return message;
    }

    private static Set<String> ids(List<Connection> list) {
        return list.stream().map(Connection::id).collect(Collectors.toSet());
    }

    private static Map<String, String> watchUrls(Job j) {
        return j.broadcasts().stream().filter(b -> b.watchUrl() != null).collect(Collectors.toMap(Broadcast::destination, Broadcast::watchUrl));
    }

    private static List<String> texts(JsonNode sent) {
        assertNotNull(sent);
        return StreamSupport.stream(sent.spliterator(), false).map(n -> n.path("message").asText(n.path("text").asText())).toList();
    }
}
