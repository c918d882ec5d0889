package io.restream.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.restream.core.model.BroadcastState;
import io.restream.core.model.Job;
import io.restream.core.model.JobStatus;
import io.restream.core.model.SourceStatus;
import com.sun.net.httpserver.HttpServer;
import io.restream.core.model.Overlay;
import io.restream.worker.testing.Banners;
import io.restream.worker.testing.Ffprobe;
import java.awt.Color;
import io.restream.worker.testing.Processes;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.RtmpSource;
import io.restream.worker.testing.TestWorld;
import io.restream.testkit.Fixture;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sources that are not there. */
class SourceIT {
    @RegisterExtension
    final Fixture<TestWorld> worlds = Fixture.perTest(TestWorld::inTempDir);

    @Test
    void aSourceThatDoesNotOpenWithinTenSecondsFailsTheJobWithSourceUnavailable() throws Exception {
        TestWorld world = worlds.get();
        RtmpReceiver receiver = world.receiver("x", "key-x");
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

    @Test
    void anH264AacSourceWithoutOverlayIsCopiedNotReEncoded() throws Exception {
        TestWorld world = worlds.get();
        RtmpReceiver receiver = world.receiver("copy", "key-copy");
        try (RtmpSource source = new RtmpSource("320x240", 30)) {
            world.startWorker(Map.of("RESTREAM_SOURCE_URL_TEMPLATE", source.template()));
            String jobId = world.goLive("cam-1", List.of("custom:copy"));
            await("key frames at the receiver").atMost(Duration.ofSeconds(25)).until(() -> receiver.latest() != null
                    && Ffprobe.keyframeIntervals(Ffprobe.packets(receiver.latest())).size() >= 4);
            // The source has a key frame every second and 44.1 kHz audio; an encode would give 2 s and 48 kHz.
            List<Double> intervals = Ffprobe.keyframeIntervals(Ffprobe.packets(receiver.latest()));
            assertTrue(intervals.stream().allMatch(i -> i > 0.9 && i < 1.1), "the source's own key frames: " + intervals);
            List<Ffprobe.Stream> streams = Ffprobe.streams(receiver.latest());
            assertTrue(streams.stream().anyMatch(st -> "audio".equals(st.type()) && st.sampleRate() == 44100), "copied audio " + streams);
            assertTrue(streams.stream().anyMatch(st -> "video".equals(st.type()) && st.width() == 320), "copied video " + streams);
            await("running").atMost(Duration.ofSeconds(5)).until(() -> world.job(jobId).status() == JobStatus.RUNNING);

            // A banner on a copied stream: the worker switches to encoding, the destination stays connected.
            HttpServer http = Banners.serve(new Color(255, 128, 0), 320, 30);
            try {
                world.jobs.patchOverlay(jobId, new Overlay(null, Banners.url(http), null, null, null, null)).toCompletableFuture().join();
                await("banner on the formerly copied stream").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                        .until(() -> Banners.atTop(Ffprobe.latestFrame(receiver.latest(), 320, 240), 320, new Color(255, 128, 0)));
            } finally {
                http.stop(0);
            }
            assertEquals(1, receiver.connections(), "no reconnect when switching from copy to encode");
            assertEquals(0, world.job(jobId).broadcasts().get(0).reconnects());
        }
    }

    @Test
    void aDroppedSourceIsRetriedWithoutDroppingDestinationsAndEndsTheJobAfterTheGracePeriod() throws Exception {
        TestWorld world = worlds.get();
        RtmpReceiver receiver = world.receiver("drop", "key-drop");
        try (RtmpSource source = new RtmpSource("320x240", 60)) {
            world.startWorker(Map.of("RESTREAM_SOURCE_URL_TEMPLATE", source.template(), "RESTREAM_SOURCE_GRACE_MS", "6000"));
            String jobId = world.goLive("cam-2", List.of("custom:drop"));
            await("live").atMost(Duration.ofSeconds(20)).until(() -> world.job(jobId).status() == JobStatus.RUNNING
                    && receiver.latestBytes() > 20_000);

            source.kill();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> world.job(jobId).status() == JobStatus.RUNNING);
            source.revive();
            // The standby picture kept the destination fed meanwhile; wait for the source itself.
            await("the source is back").atMost(Duration.ofSeconds(15)).until(() -> world.job(jobId).source() != null
                    && SourceStatus.LIVE.equals(world.job(jobId).source().state()));
            long before = receiver.latestBytes();
            await("media flows again on the same connection").atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.latestBytes() > before + 20_000);
            assertEquals(1, receiver.connections(), "the destination kept its connection");

            source.kill();
            long gone = System.nanoTime();
            await("ended after the grace period").atMost(Duration.ofSeconds(20))
                    .until(() -> world.job(jobId).status() == JobStatus.ENDED);
            long endedMs = (System.nanoTime() - gone) / 1_000_000;
            assertTrue(endedMs >= 5000 && endedMs < 15_000, "ended " + endedMs + " ms after the source went away");
            assertTrue(world.job(jobId).broadcasts().stream().allMatch(b -> b.state() == BroadcastState.STOPPED));
            await("no FFmpeg left").atMost(Duration.ofSeconds(5)).until(() -> Processes.workerFfmpegs().isEmpty());
        }
    }
}
