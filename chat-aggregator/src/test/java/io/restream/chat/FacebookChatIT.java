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

/** Facebook chat through the simulator's live_comments Server-Sent Events; the common shape is in {@link PlatformChatIT}. */
class FacebookChatIT {
    @RegisterExtension
    static final ChatWorld world = ChatWorld.withAggregator();

    private static boolean streaming(String video) {
        for (JsonNode s : world.sim("GET", "/sim/facebook/chat/streams", null).json()) {
            if (s.get("video").asText().equals(video) && s.get("listeners").asInt() > 0) return true;
        }
        return false;
    }

    @Test
    void aCommentWithoutAFromFieldIsStoredAsFromAFacebookUser() throws Exception {
        ServiceKit.User u = world.newUser();
        world.connect(u, Platform.FACEBOOK, "4002");
        world.runningJob(u, List.of("facebook"), Map.of("facebook", "77002"));
        await().atMost(Duration.ofSeconds(10)).until(() -> streaming("77002"));
        try (SseClient sse = world.events(u)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !sse.ofType("connections").isEmpty());
            // The simulator sends a comment by "anonymous" without Graph's `from` field.
            String id = world.say("facebook", "anonymous", "no from field", false);
            await().atMost(Duration.ofSeconds(2)).until(() -> sse.comments().size() == 1);
            JsonNode c = sse.comments().get(0).json();
            assertEquals("facebook:" + id, c.get("id").asText());
            assertEquals("Facebook user", c.get("author").asText());
            assertEquals("no from field", c.get("message").asText());
        }
    }
}
