package io.restream.chat;

import io.restream.testkit.ServiceKit;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.restream.service.events.SseClient;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.model.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * YouTube chat through the simulator: the streamList stream ({@code liveChat/messages/stream}), and
 * where it is refused, {@code liveChat/messages} pages polled at the interval they ask for.
 */
class YouTubeChatIT {
    /** Slack over one polling interval for the poll's own HTTP round trip and the SSE hop. */
    private static final long SLACK_MS = 300;
    @RegisterExtension
    static final ChatWorld world = ChatWorld.withAggregator();

    @Test
    void whereTheStreamIsRefusedAMessageArrivesWithinOnePollingIntervalOnceDespiteOverlappingPages() throws Exception {
        world.sim("PUT", "/sim/youtube/chat/stream", Map.of("enabled", false));
        try {
            pollingCase();
        } finally {
            world.sim("PUT", "/sim/youtube/chat/stream", Map.of("enabled", true));
        }
    }

    private void pollingCase() throws Exception {
        ServiceKit.User u = world.newUser();
        world.connect(u, Platform.YOUTUBE, "UCstreamer5001");
        world.runningJob(u, List.of("youtube"), Map.of("youtube", "bc5001"));
        // The stream was refused, so the chat is read by polling: the sim has seen a page request.
        await().atMost(Duration.ofSeconds(10)).until(() -> world.sim("GET", "/sim/youtube/chats", null).text().contains("bc5001"));
        assertTrue(!world.sim("GET", "/sim/youtube/chat/streams", null).text().contains("bc5001"), "no stream is open");
        try (SseClient sse = world.events(u)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !sse.ofType("connections").isEmpty());
            long before = System.currentTimeMillis();
            String id = world.say("youtube", "Yuki", "hello youtube", true);
            await().atMost(Duration.ofMillis(ChatWorld.YOUTUBE_POLL_MS + SLACK_MS)).until(() -> sse.comments().size() == 1);
            JsonNode c = sse.comments().get(0).json();
            assertEquals("youtube:" + id, c.get("id").asText());
            assertEquals("youtube", c.get("platform").asText());
            assertEquals("Yuki", c.get("author").asText());
            assertTrue(c.get("authorAvatar").asText().startsWith("https://yt3.ggpht.com/"));
            assertEquals("hello youtube", c.get("message").asText());
            assertTrue(Math.abs(c.get("timestamp").asLong() - before) < 5_000);
            // The page after the redelivered message starts with it again; it must not be stored twice.
            String next = world.say("youtube", "Yuki", "second", false);
            await().atMost(Duration.ofMillis(2 * ChatWorld.YOUTUBE_POLL_MS + SLACK_MS)).until(() -> sse.comments().stream()
                    .anyMatch(e -> e.json().get("id").asText().equals("youtube:" + next)));
            assertEquals(2, sse.comments().size(), "the overlapping page repeated the first message; it was stored once");
        }
    }
}
