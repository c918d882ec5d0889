package io.restream.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.restream.core.model.BroadcastState;
import io.restream.core.model.Job;
import io.restream.core.model.JobStatus;
import io.restream.worker.testing.Processes;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.TestWorld;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources that are not there. */
class SourceIT {
    @TempDir Path tmp;
    private TestWorld world;
    private RtmpReceiver receiver;

    @AfterEach
    void tearDown() throws Exception {
        if (world != null) world.close();
        if (receiver != null) receiver.close();
    }

    @Test
    void aSourceThatDoesNotOpenWithinTenSecondsFailsTheJobWithSourceUnavailable() throws Exception {
        world = new TestWorld(tmp.resolve("data"));
        receiver = RtmpReceiver.plain(tmp.resolve("rx"), "key-x");
        world.addCustom("x", receiver);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        world.startWorker(Map.of("RESTREAM_SOURCE_URL_TEMPLATE", "rtmp://127.0.0.1:" + closedPort + "/live/{id}"));
        long start = System.nanoTime();
        String jobId = world.goLive("no-such-publisher", List.of("custom:x"));

        await("failed").atMost(Duration.ofSeconds(20)).until(() -> world.job(jobId).status() == JobStatus.FAILED);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        Job job = world.job(jobId);
        assertNotNull(job.error());
        assertEquals("source_unavailable", job.error().code());
        assertTrue(tookMs >= 9_000 && tookMs < 16_000, "failed after " + tookMs + " ms");
        assertTrue(job.broadcasts().stream().allMatch(b -> b.state() == BroadcastState.PENDING), "no destination opened");
        assertEquals(0, receiver.connections());
        assertTrue(Processes.workerFfmpegs().isEmpty(), "no FFmpeg left");
    }
}
