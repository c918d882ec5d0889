package io.restream.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.testkit.Fixture;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulator's own RTMP and RTMPS ingest, fed by the bundled FFmpeg: several keys at once,
 * codecs, picture size, frame and key-frame counts, a decodable snapshot, refusal of a second
 * publisher on a live key, and fault injection with {@code ingest/drop}.
 */
class IngestIT {
    @RegisterExtension
    static final Fixture<SimClient> client = Fixture.perClass(SimClient::startSimulator);

    @Test
    void rtmpAndRtmpsPublishersAreInspectedAtOnce() throws Exception {
        client.get().sim.state().registerStreamKey("live_1_plain", "twitch", "1");
        try (TestPush plain = TestPush.start("rtmp://127.0.0.1:" + client.get().sim.rtmpPort() + "/app/live_1_plain", 60);
             TestPush secure = TestPush.start("rtmps://127.0.0.1:" + client.get().sim.rtmpsPort() + "/rtmp/ig-secure-key", 60)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String[] pk : new String[][] {{"twitch", "live_1_plain"}, {"instagram", "ig-secure-key"}}) {
                    JsonNode s = find(client.get().json("GET", "/sim/" + pk[0] + "/streams", Map.of(), null), pk[1]);
                    assertEquals("live", s.path("state").asText());
                    assertEquals("h264", s.path("videoCodec").asText());
                    assertEquals("aac", s.path("audioCodec").asText());
                    assertEquals(320, s.path("width").asInt());
                    assertEquals(240, s.path("height").asInt());
                    assertTrue(s.path("keyframes").asLong() >= 2, "key frames every second: " + s);
                    assertTrue(s.path("videoFrames").asLong() >= 50, "frames arrive: " + s);
                    assertTrue(s.path("audioFrames").asLong() >= 50, "audio arrives: " + s);
                }
            });
            JsonNode secureRow = find(client.get().json("GET", "/sim/instagram/streams", Map.of(), null), "ig-secure-key");
            assertTrue(secureRow.path("tls").asBoolean(), "the RTMPS session came through TLS");
            assertFalse(find(client.get().json("GET", "/sim/twitch/streams", Map.of(), null), "live_1_plain").path("tls").asBoolean());
            double fps = secureRow.path("fps").asDouble();
            assertTrue(fps > 20 && fps < 30, "measured fps near 25: " + fps);

            var png = client.get().bytes("/sim/twitch/streams/live_1_plain/snapshot.png");
            assertEquals(200, png.statusCode());
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png.body(), 4), "a PNG image");

            try (TestPush second = TestPush.start("rtmp://127.0.0.1:" + client.get().sim.rtmpPort() + "/app/live_1_plain", 6)) {
                assertTrue(second.exitCode() != 0, "a second publisher on a live key is refused");
            }
            assertEquals(1, client.get().json("GET", "/sim/twitch/streams", Map.of(), null).findValues("streamKey").stream()
                    .filter(k -> k.asText().equals("live_1_plain")).count());

            assertEquals(1, client.get().json("POST", "/sim/instagram/ingest/drop", Map.of(), null).path("dropped").asInt());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertEquals("ended", find(client.get().json("GET", "/sim/instagram/streams", Map.of(), null), "ig-secure-key").path("state").asText()));
            assertEquals("live", find(client.get().json("GET", "/sim/twitch/streams", Map.of(), null), "live_1_plain").path("state").asText(),
                    "dropping one platform leaves the others live");
        }
    }

    @Test
    void theIngestRefusesWhatThePlatformWould() throws Exception {
        client.get().sim.state().registerStreamKey("sk_kick_plain", "kick", "2");
        client.get().sim.state().registerStreamKey("live_3_wrongapp", "twitch", "3");
        try (TestPush kickPlain = TestPush.start("rtmp://127.0.0.1:" + client.get().sim.rtmpPort() + "/app/sk_kick_plain", 6);
             TestPush wrongApp = TestPush.start("rtmp://127.0.0.1:" + client.get().sim.rtmpPort() + "/live2/live_3_wrongapp", 6)) {
            assertTrue(kickPlain.exitCode() != 0, "Kick takes RTMPS only");
            assertTrue(wrongApp.exitCode() != 0, "a Twitch key on YouTube's path is refused");
        }
        assertTrue(client.get().json("GET", "/sim/kick/streams", Map.of(), null).findValues("streamKey").stream()
                .noneMatch(k -> k.asText().equals("sk_kick_plain")));
    }

    static JsonNode find(JsonNode streams, String key) {
        for (JsonNode s : streams) {
            if (s.path("streamKey").asText().equals(key)) return s;
        }
        throw new AssertionError("no stream " + key + " in " + streams);
    }
}
