package io.restream.chat;

import io.restream.testkit.ServiceKit;
import io.restream.testkit.Http;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.restream.service.events.SseClient;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.model.Platform;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outbound chat ({@code POST /api/v1/chat/messages}) to every platform's simulated send API, and
 * viewer counts polled from every platform into {@code GET /api/v1/viewers} and {@code viewers} events.
 */
class ChatSendIT {
    @RegisterExtension
    static final ChatWorld world = new ChatWorld();
    private static ServiceKit.User user;
    private static String jobId;

    @BeforeAll
    static void start() throws Exception {
        world.startAggregator(3_000);
        user = world.newUser();
        world.connect(user, Platform.TWITCH, "6001");
        world.connect(user, Platform.KICK, "6002");
        world.connect(user, Platform.YOUTUBE, "UC6003");
        world.connect(user, Platform.FACEBOOK, "6004");
        jobId = world.runningJob(user, List.of("twitch", "kick", "youtube", "facebook"),
                Map.of("youtube", "bc6003", "facebook", "88004"));
    }

    private static Map<String, JsonNode> resultsOf(Http.Res res) {
        assertEquals(200, res.status(), res.text());
        Map<String, JsonNode> out = new HashMap<>();
        res.json().get("results").forEach(r -> out.put(r.get("platform").asText(), r));
        return out;
    }

    private static List<String> sent(String platform) {
        List<String> out = new java.util.ArrayList<>();
        world.sim("GET", "/sim/" + platform + "/chat/sent", null).json().forEach(m -> out.add(m.get("channel").asText() + "|" + m.get("message").asText()));
        return out;
    }

    @Test
    void aMessageReachesEveryPlatformOfTheLiveJob() {
        Map<String, JsonNode> results = resultsOf(world.api("POST", "/api/v1/chat/messages", user, Map.of("message", "gg everyone!")));
        assertEquals(4, results.size());
        results.values().forEach(r -> assertTrue(r.get("ok").asBoolean() && !r.has("error"), r.toString()));
        assertTrue(sent("twitch").contains("6001|gg everyone!"));
        assertTrue(sent("kick").contains("6002|gg everyone!"));
        assertTrue(sent("youtube").contains("Cg0KCbc6003|gg everyone!"));
        assertTrue(sent("facebook").contains("88004|gg everyone!"));
    }

    @Test
    void thePlatformsFilterIsRespected() {
        Map<String, JsonNode> results = resultsOf(world.api("POST", "/api/v1/chat/messages", user,
                Map.of("message", "kick and youtube only", "platforms", List.of("kick", "youtube"))));
        assertEquals(java.util.Set.of("kick", "youtube"), results.keySet());
        assertTrue(sent("kick").contains("6002|kick and youtube only"));
        assertTrue(sent("youtube").contains("Cg0KCbc6003|kick and youtube only"));
        assertFalse(sent("twitch").stream().anyMatch(m -> m.endsWith("|kick and youtube only")));
        assertFalse(sent("facebook").stream().anyMatch(m -> m.endsWith("|kick and youtube only")));
    }

    @Test
    void onePlatformFailingIsReportedWhileTheOthersSucceed() {
        world.sim("PUT", "/sim/twitch/chat/fail", Map.of("fail", true));
        world.sim("PUT", "/sim/facebook/chat/fail", Map.of("fail", true));
        try {
            Map<String, JsonNode> results = resultsOf(world.api("POST", "/api/v1/chat/messages", user, Map.of("message", "partly")));
            assertFalse(results.get("twitch").get("ok").asBoolean());
            assertEquals("chat_refused", results.get("twitch").get("error").get("code").asText());
            assertFalse(results.get("facebook").get("ok").asBoolean());
            assertEquals("platform_error", results.get("facebook").get("error").get("code").asText());
            assertTrue(results.get("kick").get("ok").asBoolean());
            assertTrue(results.get("youtube").get("ok").asBoolean());
            assertTrue(sent("kick").contains("6002|partly"));
            assertFalse(sent("twitch").stream().anyMatch(m -> m.endsWith("|partly")));
            assertFalse(results.get("twitch").get("error").get("message").asText().contains("tok_"), "no token in the error");
        } finally {
            world.sim("PUT", "/sim/twitch/chat/fail", Map.of("fail", false));
            world.sim("PUT", "/sim/facebook/chat/fail", Map.of("fail", false));
        }
    }

    @Test
    void badRequestsAreRefusedWithTheContractsCodes() throws Exception {
        assertEquals("validation_failed", world.api("POST", "/api/v1/chat/messages", user, Map.of("message", "")).json().path("error").path("code").asText());
        assertEquals("validation_failed", world.api("POST", "/api/v1/chat/messages", user, Map.of("message", "x".repeat(501))).json().path("error").path("code").asText());
        assertEquals(200, world.api("POST", "/api/v1/chat/messages", user, Map.of("message", "é".repeat(500))).status());
        assertEquals("unknown_platform", world.api("POST", "/api/v1/chat/messages", user,
                Map.of("message", "hi", "platforms", List.of("myspace"))).json().path("error").path("code").asText());
        ServiceKit.User idle = world.newUser();
        Http.Res none = world.api("POST", "/api/v1/chat/messages", idle, Map.of("message", "hi"));
        assertEquals(409, none.status());
        assertEquals("no_active_job", none.json().path("error").path("code").asText());
    }

    @Test
    void viewerCountsSetInTheSimulatorAppearPerPlatformInTotalAndAsEvents() throws Exception {
        world.sim("PUT", "/sim/twitch/viewers", Map.of("count", 12));
        world.sim("PUT", "/sim/kick/viewers", Map.of("count", 5));
        world.sim("PUT", "/sim/youtube/viewers", Map.of("count", 30));
        world.sim("PUT", "/sim/facebook/viewers", Map.of("count", 7));
        await().atMost(Duration.ofSeconds(5)).until(() -> world.api("GET", "/api/v1/viewers", user, null).json().get("total").asLong() == 54);
        JsonNode v = world.api("GET", "/api/v1/viewers", user, null).json();
        assertEquals(12, v.get("platforms").get("twitch").asLong());
        assertEquals(5, v.get("platforms").get("kick").asLong());
        assertEquals(30, v.get("platforms").get("youtube").asLong());
        assertEquals(7, v.get("platforms").get("facebook").asLong());
        try (SseClient sse = world.events(user)) {
            world.sim("PUT", "/sim/kick/viewers", Map.of("count", 6));
            await().atMost(Duration.ofSeconds(5)).until(() -> sse.ofType("viewers").stream()
                    .anyMatch(e -> e.json().get("total").asLong() == 55 && e.json().get("platforms").get("kick").asLong() == 6));
        }
    }
}
