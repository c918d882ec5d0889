package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.model.BroadcastState;
import io.restream.core.model.Job;
import io.restream.core.model.JobStatus;
import io.restream.core.model.SourceStatus;
import io.restream.testkit.Fixture;
import io.restream.worker.testing.HlsSource;
import io.restream.worker.testing.Processes;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.RtmpSource;
import io.restream.worker.testing.TestWorld;
import io.restream.worker.testing.WebRtcWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A source that stays gone ends the job at {@code RESTREAM_SOURCE_GRACE_MS} after the loss
 * ({@code job.source.lostAt} → {@code job.endedAt}), not when a reconnect attempt that outlasts the
 * deadline gives up: an RTMP or HLS origin that accepts and says nothing holds each attempt for its
 * 10 s I/O timeout, a quiet WebRTC publisher leaves each attempt to the stall watchdog. The ending is
 * clean: standby off, pushes closed, broadcasts stopped, helper gone.
 */
class SourceGraceIT {
    private static final long GRACE_MS = 6000;
    /** Closing the pushes and writing the job, on a loaded machine. */
    private static final long SLACK_MS = 4000;

    @RegisterExtension
    final Fixture<WebRtcWorld> webrtc = Fixture.perTest(WebRtcWorld::open);

    @Test
    void anRtmpOriginThatGoesMuteEndsTheJobAtTheGracePeriod() throws Exception {
        TestWorld world = webrtc.get().world;
        RtmpReceiver receiver = world.receiver("rx", "key-grace-rtmp");
        try (RtmpSource source = new RtmpSource("320x240", 30)) {
            // A stall timeout past the origin's I/O timeout: what holds an attempt is the origin, not our watchdog.
            String jobId = goLiveFrom(world, receiver, source.template(), 20_000, "cam-grace", Duration.ofSeconds(40));

            source.mute();
            assertEndsAtTheGracePeriod(world, receiver, jobId, System.nanoTime(), "RTMP origin mute");
        }
    }

    @Test
    void anHlsOriginThatGoesMuteEndsTheJobAtTheGracePeriod() throws Exception {
        TestWorld world = webrtc.get().world;
        RtmpReceiver receiver = world.receiver("rx", "key-grace-hls");
        try (HlsSource source = new HlsSource(world.dataDir.resolveSibling("hls"), "320x240")) {
            await("the origin's playlist").atMost(Duration.ofSeconds(20)).until(source::ready);
            // A stall timeout past the 10 s I/O timeout, as above; the loss itself is seen by the stall timeout.
            String jobId = goLiveFrom(world, receiver, source.template(), 12_000, "cam-grace-hls", Duration.ofSeconds(60));

            source.mute();
            assertEndsAtTheGracePeriod(world, receiver, jobId, System.nanoTime(), "HLS origin mute");
        }
    }

    @Test
    void aQuietWebRtcPublisherEndsTheJobAtTheGracePeriod() throws Exception {
        WebRtcWorld w = webrtc.get();
        // The stall timeout as above: the helper still sees the publisher gone within 2.5 s, but an attempt is no longer cut at 8 s.
        RtmpReceiver receiver = w.start("key-grace-whep", "whep+" + w.sim.baseUrl() + "/whep/{id}", GRACE_MS,
                Map.of("RESTREAM_SOURCE_STALL_MS", "20000"));
        String jobId = w.world.goLive("webrtc-grace", List.of("custom:rx"));
        w.awaitRunningWithMedia(jobId, "WHEP goLive");
        await("job.source live").atMost(Duration.ofSeconds(10)).until(() -> sourceState(w.world, jobId).equals(SourceStatus.LIVE));

        w.publishers().pauseAll(true);
        assertEndsAtTheGracePeriod(w.world, receiver, jobId, System.nanoTime(), "WHEP publisher quiet");
        await("the WHEP session deleted").atMost(Duration.ofSeconds(10))
                .until(() -> w.publishers().ends().stream().anyMatch(e -> e.kind().equals("whep-delete")));
        w.awaitNoHelper();
    }

    /** A worker with the grace period and {@code stallMs}, and a job from that origin live at the receiver. */
    private static String goLiveFrom(TestWorld world, RtmpReceiver receiver, String template, long stallMs, String userId,
                                     Duration timeout) {
        world.startWorker(Map.of("RESTREAM_SOURCE_URL_TEMPLATE", template,
                "RESTREAM_SOURCE_GRACE_MS", Long.toString(GRACE_MS), "RESTREAM_SOURCE_STALL_MS", Long.toString(stallMs)));
        String jobId = world.goLive(userId, List.of("custom:rx"));
        await("live").atMost(timeout).until(() -> world.job(jobId).status() == JobStatus.RUNNING
                && receiver.latestBytes() > 50_000 && sourceState(world, jobId).equals(SourceStatus.LIVE));
        return jobId;
    }

    private static void assertEndsAtTheGracePeriod(TestWorld world, RtmpReceiver receiver, String jobId, long goneNanos, String label) {
        await("job.source lost").atMost(Duration.ofSeconds(30)).until(() -> sourceState(world, jobId).equals(SourceStatus.LOST));
        long lostAt = world.job(jobId).source().lostAt();
        await("ended").atMost(Duration.ofMillis(GRACE_MS + SLACK_MS + 20_000)).pollInterval(Duration.ofMillis(100))
                .until(() -> world.job(jobId).status() == JobStatus.ENDED);
        long endedSeen = System.nanoTime();
        Job ended = world.job(jobId);
        long lostToEnded = ended.endedAt() - lostAt;
        System.out.println("[measure] " + label + ": job.source lost → ended " + lostToEnded + " ms (grace " + GRACE_MS
                + "), source gone → ended seen " + (endedSeen - goneNanos) / 1_000_000 + " ms");
        assertTrue(lostToEnded >= GRACE_MS, "ended " + lostToEnded + " ms after the loss, before the grace period");
        assertTrue(lostToEnded <= GRACE_MS + SLACK_MS, "ended " + lostToEnded + " ms after the loss, grace " + GRACE_MS);

        assertEquals(SourceStatus.LOST, ended.source().state(), "the source was never back");
        assertTrue(ended.broadcasts().stream().allMatch(b -> b.state() == BroadcastState.STOPPED), "broadcasts stopped: " + ended.broadcasts());
        assertEquals(0, receiver.connectedNow(), "the push is closed");
        assertEquals(1, receiver.connections(), "one publish session throughout");
        await("no encoder or standby FFmpeg left").atMost(Duration.ofSeconds(10)).until(() -> Processes.workerFfmpegs().isEmpty());
    }

    private static String sourceState(TestWorld world, String jobId) {
        SourceStatus s = world.job(jobId).source();
        return s == null ? "" : s.state();
    }
}
