package io.restream.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.model.Platform;
import io.restream.service.events.SseClient;
import io.restream.testkit.ServiceKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shape every platform's chat shares: once the job's chat is open at the (simulated) platform,
 * a viewer's message reaches the user's event stream with the platform's id, author, text and time,
 * and a message the platform delivers twice (EventSub redelivery, a retried webhook, a repeated
 * stream element) is stored once. What differs per platform is how "open" shows at the platform,
 * and YouTube's stream must push well within its polling interval.
 */
class PlatformChatIT {
    @RegisterExtension
    static final ChatWorld world = ChatWorld.withAggregator();

    /** One platform's case: its account, the job's broadcast id (where chat lives on one), and how soon a message must arrive. */
    record Case(Platform platform, String account, String broadcastId, String avatarPrefix, Duration arrival) {
        String id() { return platform.id(); }

        @Override
        public String toString() { return id(); }
    }

    static Stream<Case> platforms() {
        return Stream.of(
                new Case(Platform.TWITCH, "2001", null, null, Duration.ofSeconds(2)),
                new Case(Platform.KICK, "3001", null, "https://files.kick.com/", Duration.ofSeconds(2)),
                new Case(Platform.FACEBOOK, "4001", "77001", null, Duration.ofSeconds(2)),
                // Polling would take up to a whole interval (1 s here); the stream pushes at once.
                new Case(Platform.YOUTUBE, "UCstreamer5002", "bc5002", "https://yt3.ggpht.com/", Duration.ofMillis(ChatWorld.YOUTUBE_POLL_MS / 2)));
    }

    /** Whether the job's chat session is open at the simulated platform. */
    private static BooleanSupplier open(Case c, int twitchSubscriptionsBefore) {
        return switch (c.platform()) {
            case TWITCH -> () -> twitchSubscriptions() == twitchSubscriptionsBefore + 1;
            case KICK -> () -> {
                for (JsonNode s : world.sim("GET", "/kick/public/v1/events/subscriptions", null).json().get("data")) {
                    if (s.get("broadcaster_user_id").asText().equals(c.account())) return true;
                }
                return false;
            };
            case FACEBOOK -> () -> {
                for (JsonNode s : world.sim("GET", "/sim/facebook/chat/streams", null).json()) {
                    if (s.get("video").asText().equals(c.broadcastId()) && s.get("listeners").asInt() > 0) return true;
                }
                return false;
            };
            case YOUTUBE -> () -> world.sim("GET", "/sim/youtube/chat/streams", null).text().contains(c.broadcastId());
            default -> throw new IllegalArgumentException(c.id() + " has no chat");
        };
    }

    static int twitchSubscriptions() {
        int n = 0;
        for (JsonNode s : world.sim("GET", "/sim/twitch/eventsub/sessions", null).json()) n += s.get("subscriptions").asInt();
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void aViewerMessageReachesTheSubscriberOnceEvenWhenThePlatformDeliversItTwice(Case c) throws Exception {
        ServiceKit.User u = world.newUser();
        world.connect(u, c.platform(), c.account());
        int twitchBefore = twitchSubscriptions();
        world.runningJob(u, List.of(c.id()), c.broadcastId() == null ? Map.of() : Map.of(c.id(), c.broadcastId()));
        BooleanSupplier open = open(c, twitchBefore);
        await().atMost(Duration.ofSeconds(10)).until(open::getAsBoolean);
        try (SseClient sse = world.events(u)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !sse.ofType("connections").isEmpty());
            long sentAt = System.currentTimeMillis();
            String id = world.say(c.id(), "Fan", "hello " + c.id(), true);
            await().atMost(c.arrival()).until(() -> sse.comments().size() == 1);
            JsonNode comment = sse.comments().get(0).json();
            assertEquals(c.id() + ":" + id, comment.get("id").asText());
            assertEquals(c.id(), comment.get("platform").asText());
            assertEquals("Fan", comment.get("author").asText());
            assertEquals("hello " + c.id(), comment.get("message").asText());
            if (c.avatarPrefix() != null) assertTrue(comment.get("authorAvatar").asText().startsWith(c.avatarPrefix()), comment.toString());
            assertTrue(Math.abs(comment.get("timestamp").asLong() - sentAt) < 5_000, "the timestamp is the platform's message time");

            String next = world.say(c.id(), "Fan", "second", false);
            await().atMost(Duration.ofSeconds(3)).until(() -> sse.comments().stream()
                    .anyMatch(e -> e.json().get("id").asText().equals(c.id() + ":" + next)));
            assertEquals(1, sse.comments().stream().filter(e -> e.json().get("id").asText().equals(c.id() + ":" + id)).count(),
                    "the repeated delivery was stored once");
            assertEquals(2, sse.comments().size());
        }
    }
}
