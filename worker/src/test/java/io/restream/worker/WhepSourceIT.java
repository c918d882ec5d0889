package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.model.JobStatus;
import io.restream.core.model.SourceStatus;
import io.restream.sim.webrtc.WebRtcPublishers;
import io.restream.testkit.Fixture;
import io.restream.worker.testing.Ffprobe;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.TestWorld;
import io.restream.worker.testing.WebRtcWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WHEP pull from the simulator's real WebRTC publisher: the job goes live with H.264/AAC and a
 * moving picture; video-only asks for video only and still sends audio; stop DELETEs the WHEP
 * session (with the bearer token) and leaves no helper process; an unknown publisher fails the
 * job with {@code source_unavailable}; the publisher going quiet is a source loss (standby, grace
 * period), its return is live again, and past the grace period the job ends.
 */
class WhepSourceIT {
    private static final String TOKEN = "whep-secret-token";

    @RegisterExtension
    final Fixture<WebRtcWorld> webrtc = Fixture.perTest(WebRtcWorld::open);

    private RtmpReceiver start(String key, long graceMs) throws Exception {
        WebRtcWorld w = webrtc.get();
        return w.start(key, "whep+" + w.sim.baseUrl() + "/whep/{id}", graceMs, Map.of("RESTREAM_SOURCE_BEARER_TOKEN", TOKEN));
    }

    @Test
    void aWhepSessionGoesLiveWithAMovingPictureAndStopDeletesItAndLeavesNoHelper() throws Exception {
        start("key-whep", 20_000);
        WebRtcWorld w = webrtc.get();
        String jobId = w.world.goLive("webrtc-cam1", List.of("custom:rx"));
        w.awaitRunningWithMedia(jobId, "WHEP goLive");
        List<Long> helpers = WebRtcWorld.helperPids();
        assertEquals(1, helpers.size(), "one helper process: " + helpers);
        w.assertMovingH264Aac("WHEP", 640, 360);

        WebRtcPublishers.Opened opened = w.publishers().opened().get(0);
        assertEquals("Bearer " + TOKEN, opened.authorization());
        assertEquals(List.of("video", "audio"), opened.offeredKinds());

        w.stopAndAwaitEnd(jobId, "whep-delete", "WHEP DELETE");
        assertEquals("Bearer " + TOKEN, w.publishers().ends().get(0).authorization());
        await("no helper process left").atMost(Duration.ofSeconds(10)).until(() -> helpers.stream().noneMatch(WebRtcWorld::alive));
        await("stopped").atMost(Duration.ofSeconds(10)).until(() -> w.world.job(jobId).status() == JobStatus.STOPPED);
        assertEquals(0, w.publishers().activePeers());
    }

    @Test
    void videoOnlyAsksForVideoAndStillSendsAudio() throws Exception {
        RtmpReceiver receiver = start("key-whep-video", 20_000);
        WebRtcWorld w = webrtc.get();
        String jobId = w.world.goLive("webrtc-cam2", List.of("custom:rx"), null, false, List.of("video"));
        w.awaitRunningWithMedia(jobId, "WHEP video-only goLive");
        assertEquals(List.of("video"), w.publishers().opened().get(0).offeredKinds(), "the offer has no audio section");
        await("two seconds of output").atMost(Duration.ofSeconds(30)).until(() -> w.videoSeconds() > 2);
        w.assertH264Aac(640, 360);
        assertTrue(Ffprobe.packets(receiver.latest()).stream().filter(p -> p.type().equals("audio")).count() > 50, "audio packets flow");
    }

    @Test
    void anUnknownPublisherFailsTheJobWithSourceUnavailable() throws Exception {
        start("key-whep-unknown", 20_000);
        WebRtcWorld w = webrtc.get();
        String jobId = w.world.goLive("nobody-here", List.of("custom:rx"));
        w.assertFailedUnavailable(jobId, "WHEP unknown publisher", Duration.ofSeconds(40));
    }

    @Test
    void thePublisherGoingQuietIsASourceLossItsReturnIsLiveAndPastTheGracePeriodTheJobEnds() throws Exception {
        RtmpReceiver receiver = start("key-whep-loss", 12_000);
        WebRtcWorld w = webrtc.get();
        TestWorld world = w.world;
        String jobId = world.goLive("webrtc-cam3", List.of("custom:rx"));
        w.awaitRunningWithMedia(jobId, "WHEP goLive");
        await("job.source live").atMost(Duration.ofSeconds(10)).until(() -> sourceState(world, jobId).equals(SourceStatus.LIVE));

        w.publishers().pauseAll(true); // the peer connection stays up: only the media stops, as when a publisher leaves
        long quiet = System.nanoTime();
        await("job.source lost").atMost(Duration.ofSeconds(15)).until(() -> sourceState(world, jobId).equals(SourceStatus.LOST));
        System.out.println("[measure] WebRTC media stopped → job.source lost after " + (System.nanoTime() - quiet) / 1_000_000 + " ms");
        assertEquals(JobStatus.RUNNING, world.job(jobId).status(), "the grace period keeps the job running");

        w.publishers().pauseAll(false);
        await("job.source live again").atMost(Duration.ofSeconds(15)).until(() -> sourceState(world, jobId).equals(SourceStatus.LIVE));
        assertEquals(1, receiver.connections(), "no destination reconnected");

        w.publishers().pauseAll(true);
        long gone = System.nanoTime();
        await("ended past the grace period").atMost(Duration.ofSeconds(40)).until(() -> world.job(jobId).status() == JobStatus.ENDED);
        System.out.println("[measure] WebRTC publisher gone → job ended after " + (System.nanoTime() - gone) / 1_000_000 + " ms (grace 12000)");
        await("the WHEP session deleted").atMost(Duration.ofSeconds(10))
                .until(() -> w.publishers().ends().stream().anyMatch(e -> e.kind().equals("whep-delete")));
        w.awaitNoHelper();
    }

    private static String sourceState(TestWorld world, String jobId) {
        SourceStatus s = world.job(jobId).source();
        return s == null ? "" : s.state();
    }
}
