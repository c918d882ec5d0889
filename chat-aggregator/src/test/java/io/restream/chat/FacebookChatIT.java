package io.restream.chat;

import io.restream.service.events.SseClient;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.model.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Facebook chat through the simulator's live_comments Server-Sent Events. */
class FacebookChatIT {
    private static ChatWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = new ChatWorld();
        world.startAggregator(3_000);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static boolean streaming(String video) {
        for (JsonNode s : world.sim("GET", "/sim/facebook/chat/streams", null).json()) {
            if (s.get("video").asText().equals(video) && s.get("listeners").asInt() > 0) return true;
        }
        return false;
    }

    @Test
    void liveCommentsReachTheSubscriberOnceAndAMissingAuthorIsTolerated() throws Exception {
        ChatWorld.User u = world.newUser();
        world.connect(u, Platform.FACEBOOK, "4001");
        world.runningJob(u, List.of("facebook"), Map.of("facebook", "77001"));
        await().atMost(Duration.ofSeconds(10)).until(() -> streaming("77001"));
        try (SseClient sse = world.events(u)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !sse.ofType("connections").isEmpty());
            long before = System.currentTimeMillis();
            String id = world.say("facebook", "Fiona", "hello facebook", true);
            await().atMost(Duration.ofSeconds(2)).until(() -> sse.comments().size() == 1);
            JsonNode c = sse.comments().get(0).json();
            assertEquals("facebook:" + id, c.get("id").asText());
            assertEquals("facebook", c.get("platform").asText());
            assertEquals("Fiona", c.get("author").asText());
            assertEquals("hello facebook", c.get("message").asText());
            assertTrue(Math.abs(c.get("timestamp").asLong() - before) < 5_000);
            world.say("facebook", "anonymous", "no from field", false);
            await().atMost(Duration.ofSeconds(2)).until(() -> sse.comments().size() == 2);
            assertEquals("Facebook user", sse.comments().get(1).json().get("author").asText());
            assertEquals(1, sse.comments().stream().filter(e -> e.json().get("id").asText().equals("facebook:" + id)).count());
        }
    }
}
