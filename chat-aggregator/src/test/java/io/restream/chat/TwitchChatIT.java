package io.restream.chat;

import io.restream.testkit.ServiceKit;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.restream.service.events.SseClient;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.model.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twitch chat through the simulator's EventSub WebSocket, the aggregator, Redis and the SSE stream. */
class TwitchChatIT {
    @RegisterExtension
    static final ChatWorld world = ChatWorld.withAggregator();

    private static int subscriptionsFor(String broadcaster) {
        // The sim lists sessions; each of our jobs opens one session with one chat subscription.
        JsonNode sessions = world.sim("GET", "/sim/twitch/eventsub/sessions", null).json();
        int n = 0;
        for (JsonNode s : sessions) n += s.get("subscriptions").asInt();
        return n;
    }

    @Test
    void aSocketThatStopsSendingKeepalivesIsReplacedByANewSubscribedSession() throws Exception {
        ServiceKit.User u = world.newUser();
        world.connect(u, Platform.TWITCH, "2003");
        world.runningJob(u, List.of("twitch"), Map.of());
        try (SseClient sse = world.events(u)) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
                world.say("twitch", "Warmup", "warm", false);
                return !sse.comments().isEmpty();
            });
            java.util.Set<String> before = sessionIds();
            // Keepalives every 2 s stop for 6 s: past 2 s + the client's grace, the socket counts as dead.
            world.sim("POST", "/sim/twitch/eventsub/silence", Map.of("seconds", 6));
            await().atMost(Duration.ofSeconds(12)).until(() -> sessionIds().stream().anyMatch(id -> !before.contains(id)));
            await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(500)).until(() -> {
                world.say("twitch", "Erin", "after the stall", false);
                return sse.comments().stream().anyMatch(e -> e.json().get("message").asText().equals("after the stall"));
            });
        }
    }

    private static java.util.Set<String> sessionIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        world.sim("GET", "/sim/twitch/eventsub/sessions", null).json().forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    void chatSurvivesSessionReconnectAndIsReopenedAfterRevocation() throws Exception {
        ServiceKit.User u = world.newUser();
        world.connect(u, Platform.TWITCH, "2002");
        world.runningJob(u, List.of("twitch"), Map.of());
        try (SseClient sse = world.events(u)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                world.say("twitch", "Warmup", "warm", false);
                return !sse.comments().isEmpty();
            });
            int subsBefore = subscriptionsFor("any");
            world.sim("POST", "/sim/twitch/eventsub/reconnect", Map.of());
            String afterReconnect = world.say("twitch", "Carol", "after reconnect", false);
            await().atMost(Duration.ofSeconds(3)).until(() -> sse.comments().stream()
                    .anyMatch(e -> e.json().get("id").asText().equals("twitch:" + afterReconnect)));
            assertEquals(subsBefore, subscriptionsFor("any"), "a reconnect moves the subscription; nothing is subscribed twice");

            world.sim("POST", "/sim/twitch/eventsub/revoke", Map.of());
            // The aggregator reopens the chat a few seconds after the revocation; keep writing until it reads again.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
                world.say("twitch", "Dave", "after revocation", false);
                return sse.comments().stream().anyMatch(e -> e.json().get("message").asText().equals("after revocation"));
            });
        }
    }
}
