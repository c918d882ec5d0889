package io.restream.chat;

import io.restream.testkit.ServiceKit;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.restream.service.events.SseClient;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restream.core.model.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An SSE client that was away gets exactly what it missed, with chat coming in through the simulator. */
class ResumeIT {
    @RegisterExtension
    static final ChatWorld world = ChatWorld.withAggregator();

    @Test
    void reconnectingWithTheLastIdGivesExactlyTheThreeMessagesThatArrivedMeanwhile() throws Exception {
        ServiceKit.User u = world.newUser();
        world.connect(u, Platform.TWITCH, "9101");
        world.connect(u, Platform.KICK, "9102");
        world.connect(u, Platform.FACEBOOK, "9103");
        world.runningJob(u, List.of("twitch", "kick", "facebook"), Map.of("facebook", "99103"));
        String last;
        try (SseClient sse = world.events(u)) {
            // Wait until every platform's chat is open: one message from each reaches the stream.
            for (String p : List.of("twitch", "kick", "facebook")) {
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    world.say(p, "warm-" + p, "warm " + p, false);
                    return sse.comments().stream().anyMatch(e -> e.json().get("platform").asText().equals(p));
                });
            }
            // Warm-up messages written while a session was opening may still trickle in: wait until none do.
            int[] previous = {-1};
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
                int now = sse.comments().size();
                boolean settled = now == previous[0];
                previous[0] = now;
                return settled;
            });
            last = sse.lastCommentId();
        }
        int stored = world.api("GET", "/api/v1/chat/messages", u, null).json().size();
        world.say("kick", "Kim", "missed one", false);
        world.say("twitch", "Tom", "missed two", false);
        world.say("facebook", "Fay", "missed three", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> world.api("GET", "/api/v1/chat/messages", u, null).json().size() == stored + 3);
        try (SseClient again = new SseClient(world.apiBase() + "/api/v1/events", withLastId(u, last))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !again.ofType("connections").isEmpty());
            assertEquals(List.of("missed one", "missed two", "missed three"),
                    again.comments().stream().map(c -> c.json().get("message").asText()).toList());
        }
    }

    private static Map<String, String> withLastId(ServiceKit.User u, String lastId) {
        Map<String, String> h = new java.util.HashMap<>(u.headers());
        h.put("Last-Event-ID", lastId);
        return h;
    }
}
