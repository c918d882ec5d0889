package io.restream.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's own RTMP and RTMPS ingest, fed by the bundled FFmpeg: several keys at once,
 * codecs, picture size, frame and key-frame counts, a decodable snapshot, refusal of a second
 * publisher on a live key, and fault injection with {@code ingest/drop}.
 */
class IngestIT {
    static PlatformSimulator sim;
    static SimClient client;

    @BeforeAll
    static void start() {
        sim = PlatformSimulator.start(SimConfig.ephemeral(true));
        client = new SimClient(sim.baseUrl());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void rtmpAndRtmpsPublishersAreInspectedAtOnce() throws Exception {
        try (TestPush plain = TestPush.start("rtmp://127.0.0.1:" + sim.rtmpPort() + "/rtmp/ig-plain-key", 60);
             TestPush secure = TestPush.start("rtmps://127.0.0.1:" + sim.rtmpsPort() + "/rtmp/ig-secure-key", 60)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode streams = client.json("GET", "/sim/instagram/streams", Map.of(), null);
                for (String key : new String[] {"ig-plain-key", "ig-secure-key"}) {
                    JsonNode s = find(streams, key);
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
            JsonNode secureRow = find(client.json("GET", "/sim/instagram/streams", Map.of(), null), "ig-secure-key");
            assertTrue(secureRow.path("tls").asBoolean(), "the RTMPS session came through TLS");
            double fps = secureRow.path("fps").asDouble();
            assertTrue(fps > 20 && fps < 30, "measured fps near 25: " + fps);

            var png = client.bytes("/sim/instagram/streams/ig-plain-key/snapshot.png");
            assertEquals(200, png.statusCode());
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png.body(), 4), "a PNG image");

            try (TestPush second = TestPush.start("rtmp://127.0.0.1:" + sim.rtmpPort() + "/rtmp/ig-plain-key", 6)) {
                assertTrue(second.exitCode() != 0, "a second publisher on a live key is refused");
            }
            assertEquals(1, client.json("GET", "/sim/instagram/streams", Map.of(), null).findValues("streamKey").stream()
                    .filter(k -> k.asText().equals("ig-plain-key")).count());

            JsonNode dropped = client.json("POST", "/sim/instagram/ingest/drop", Map.of(), null);
            assertEquals(2, dropped.path("dropped").asInt());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode streams = client.json("GET", "/sim/instagram/streams", Map.of(), null);
                assertEquals("ended", find(streams, "ig-plain-key").path("state").asText());
                assertEquals("ended", find(streams, "ig-secure-key").path("state").asText());
            });
        }
    }

    static JsonNode find(JsonNode streams, String key) {
        for (JsonNode s : streams) {
            if (s.path("streamKey").asText().equals(key)) return s;
        }
        throw new AssertionError("no stream " + key + " in " + streams);
    }
}
