package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.core.model.JobStatus;
import io.restream.worker.testing.Ffprobe;
import io.restream.worker.testing.TestWorld;
import io.restream.testkit.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code recording: true} leaves an HLS VOD and a recording.json the service can serve. */
class RecordingIT {
    @RegisterExtension
    final Fixture<TestWorld> worlds = Fixture.perTest(TestWorld::inTempDir);

    @Test
    void aRecordingPlaysBackWithTheDurationItWasRecordedFor() throws Exception {
        TestWorld world = worlds.get();
        world.receiver("r", "key-r");
        world.startWorker();
        String jobId = world.goLive("demo-recording", List.of("custom:r"), null, true, List.of("audio", "video"));
        Path dir = world.dataDir.resolve("recordings").resolve(jobId);
        Path status = dir.resolve("recording.json");

        await("recorder started").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(status));
        long recorderStarted = System.nanoTime();
        assertEquals("recording", Json.read(Files.readString(status), JsonNode.class).get("state").asText());
        await("recording in progress").atMost(Duration.ofSeconds(15)).until(() ->
                Json.read(Files.readString(status), JsonNode.class).get("durationMs").asLong() >= 4000);
        await("ten seconds of recorder").atMost(Duration.ofSeconds(15))
                .until(() -> System.nanoTime() - recorderStarted >= Duration.ofSeconds(10).toNanos());

        world.stop(jobId);
        long stopped = System.nanoTime();
        await("job stopped").atMost(Duration.ofSeconds(20)).until(() -> world.job(jobId).status() == JobStatus.STOPPED);
        await("recording complete").atMost(Duration.ofSeconds(10)).until(() ->
                Json.read(Files.readString(status), JsonNode.class).get("state").asText().equals("complete"));

        Path playlist = dir.resolve("index.m3u8");
        String m3u8 = Files.readString(playlist);
        assertTrue(m3u8.strip().endsWith("#EXT-X-ENDLIST"), "a complete VOD playlist:\n" + m3u8);
        double recordedFor = (stopped - recorderStarted) / 1e9;
        double played = Ffprobe.duration(playlist.toString());
        System.out.println("[measure] recording plays " + played + " s; recorder ran " + recordedFor + " s");
        assertTrue(played <= recordedFor + 2 && played >= recordedFor - 2,
                "playlist plays " + played + " s, recorded for " + recordedFor + " s");

        JsonNode json = Json.read(Files.readString(status), JsonNode.class);
        assertTrue(Math.abs(json.get("durationMs").asLong() / 1000.0 - played) < 1.0, "durationMs " + json + " vs " + played);
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.filter(p -> p.toString().endsWith(".ts") || p.toString().endsWith(".m3u8")).mapToLong(p -> p.toFile().length()).sum();
        }
        assertEquals(bytes, json.get("bytes").asLong());
        List<Ffprobe.Stream> streams = Ffprobe.streams(playlist);
        assertTrue(streams.stream().anyMatch(s -> s.codec().equals("h264")) && streams.stream().anyMatch(s -> s.codec().equals("aac")),
                "H.264 and AAC in the recording: " + streams);
    }
}
