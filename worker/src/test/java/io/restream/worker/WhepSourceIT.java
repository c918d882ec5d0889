package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.model.JobStatus;
import io.restream.core.model.SourceStatus;
import io.restream.sim.PlatformSimulator;
import io.restream.sim.webrtc.WebRtcPublishers;
import io.restream.worker.testing.Ffprobe;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.TestWorld;
import io.restream.worker.testing.WebRtcWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WHEP pull from the simulator's real WebRTC publisher: the job goes live with H.264/AAC and a
 * moving picture; video-only asks for video only and still sends audio; stop DELETEs the WHEP
 * session (with the bearer token) and leaves no helper process; an unknown publisher fails the
 * job with {@code source_unavailable}; the publisher going quiet is a source loss (standby, grace
 * period), its return is live again, and past the grace period the job ends.
 */
class WhepSourceIT {
    private static final String TOKEN = "whep-secret-token";

    @TempDir Path tmp;
    private TestWorld world;
    private RtmpReceiver receiver;
    private PlatformSimulator sim;

    @AfterEach
    void tearDown() throws Exception {
        if (world != null) world.close();
        if (receiver != null) receiver.close();
        if (sim != null) sim.close();
    }

    private void start(String key) throws Exception {
        start(key, 20_000);
    }

    private void start(String key, long graceMs) throws Exception {
        sim = WebRtcWorld.simulator();
        world = new TestWorld(tmp.resolve("data"));
        receiver = RtmpReceiver.plain(tmp.resolve("rx"), key);
        world.addCustom("rx", receiver);
        world.startWorker(Map.of("RESTREAM_SOURCE_URL_TEMPLATE", "whep+" + sim.baseUrl() + "/whep/{id}",
                "RESTREAM_SOURCE_BEARER_TOKEN", TOKEN, "RESTREAM_SOURCE_GRACE_MS", Long.toString(graceMs),
                // generous for a loaded machine: the helper JVM loads a 23 MB native library first
                "RESTREAM_SOURCE_OPEN_TIMEOUT_MS", "40000"));
    }

    @Test
    void aWhepSessionGoesLiveWithAMovingPictureAndStopDeletesItAndLeavesNoHelper() throws Exception {
        start("key-whep");
        long t0 = System.nanoTime();
        String jobId = world.goLive("webrtc-cam1", List.of("custom:rx"));
        await("running with media at the receiver").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> world.job(jobId).status() == JobStatus.RUNNING && receiver.latestBytes() > 50_000);
        System.out.println("[measure] WHEP goLive → running with media " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        List<Long> helpers = WebRtcWorld.helperPids();
        assertEquals(1, helpers.size(), "one helper process: " + helpers);
        await("four seconds of output").atMost(Duration.ofSeconds(30)).until(() -> videoSeconds() > 4);

        List<Ffprobe.Stream> streams = Ffprobe.streams(receiver.latest());
        assertTrue(streams.stream().anyMatch(s -> s.type().equals("video") && s.codec().equals("h264") && s.width() == 640 && s.height() == 360), streams.toString());
        assertTrue(streams.stream().anyMatch(s -> s.type().equals("audio") && s.codec().equals("aac")), streams.toString());
        byte[][] frames = WebRtcWorld.twoFrames(receiver.latest(), 1.0, 2.0, 640, 360);
        double moved = WebRtcWorld.difference(frames[0], frames[1]);
        System.out.println("[measure] WHEP picture change over 2 s: " + Math.round(moved * 100) + " % of bytes");
        assertTrue(moved > 0.01, "the picture moves: " + moved);

        WebRtcPublishers.Opened opened = sim.webrtc().opened().get(0);
        assertEquals("Bearer " + TOKEN, opened.authorization());
        assertEquals(List.of("video", "audio"), opened.offeredKinds());

        world.stop(jobId);
        long stopped = System.nanoTime();
        await("the WHEP session deleted").atMost(Duration.ofSeconds(10))
                .until(() -> sim.webrtc().ends().stream().anyMatch(e -> e.kind().equals("whep-delete")));
        System.out.println("[measure] WHEP DELETE " + (System.nanoTime() - stopped) / 1_000_000 + " ms after stop");
        assertEquals("Bearer " + TOKEN, sim.webrtc().ends().get(0).authorization());
        await("no helper process left").atMost(Duration.ofSeconds(10)).until(() -> helpers.stream().noneMatch(WebRtcWorld::alive));
        await("stopped").atMost(Duration.ofSeconds(10)).until(() -> world.job(jobId).status() == JobStatus.STOPPED);
        assertEquals(0, sim.webrtc().activePeers());
    }

    @Test
    void videoOnlyAsksForVideoAndStillSendsAudio() throws Exception {
        start("key-whep-video");
        String jobId = world.goLive("webrtc-cam2", List.of("custom:rx"), null, false, List.of("video"));
        await("running with media").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> world.job(jobId).status() == JobStatus.RUNNING && receiver.latestBytes() > 50_000);
        assertEquals(List.of("video"), sim.webrtc().opened().get(0).offeredKinds(), "the offer has no audio section");
        await("two seconds of output").atMost(Duration.ofSeconds(30)).until(() -> videoSeconds() > 2);
        List<Ffprobe.Stream> streams = Ffprobe.streams(receiver.latest());
        assertTrue(streams.stream().anyMatch(s -> s.type().equals("audio") && s.codec().equals("aac")), streams.toString());
        assertTrue(Ffprobe.packets(receiver.latest()).stream().filter(p -> p.type().equals("audio")).count() > 50, "audio packets flow");
    }

    @Test
    void anUnknownPublisherFailsTheJobWithSourceUnavailable() throws Exception {
        start("key-whep-unknown");
        long t0 = System.nanoTime();
        String jobId = world.goLive("nobody-here", List.of("custom:rx"));
        await("failed").atMost(Duration.ofSeconds(40)).until(() -> world.job(jobId).status() == JobStatus.FAILED);
        System.out.println("[measure] WHEP unknown publisher failed after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals("source_unavailable", world.job(jobId).error().code());
        await("no helper process left").atMost(Duration.ofSeconds(10)).until(() -> WebRtcWorld.helperPids().isEmpty());
        assertEquals(0, receiver.connections(), "nothing was pushed");
    }

    @Test
    void thePublisherGoingQuietIsASourceLossItsReturnIsLiveAndPastTheGracePeriodTheJobEnds() throws Exception {
        start("key-whep-loss", 12_000);
        String jobId = world.goLive("webrtc-cam3", List.of("custom:rx"));
        await("running with media").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> world.job(jobId).status() == JobStatus.RUNNING && receiver.latestBytes() > 50_000);
        await("job.source live").atMost(Duration.ofSeconds(10)).until(() -> sourceState(jobId).equals(SourceStatus.LIVE));

        sim.webrtc().pauseAll(true); // the peer connection stays up: only the media stops, as when a publisher leaves
        long quiet = System.nanoTime();
        await("job.source lost").atMost(Duration.ofSeconds(15)).until(() -> sourceState(jobId).equals(SourceStatus.LOST));
        System.out.println("[measure] WebRTC media stopped → job.source lost after " + (System.nanoTime() - quiet) / 1_000_000 + " ms");
        assertEquals(JobStatus.RUNNING, world.job(jobId).status(), "the grace period keeps the job running");

        sim.webrtc().pauseAll(false);
        await("job.source live again").atMost(Duration.ofSeconds(15)).until(() -> sourceState(jobId).equals(SourceStatus.LIVE));
        assertEquals(1, receiver.connections(), "no destination reconnected");

        sim.webrtc().pauseAll(true);
        long gone = System.nanoTime();
        await("ended past the grace period").atMost(Duration.ofSeconds(40)).until(() -> world.job(jobId).status() == JobStatus.ENDED);
        System.out.println("[measure] WebRTC publisher gone → job ended after " + (System.nanoTime() - gone) / 1_000_000 + " ms (grace 12000)");
        await("the WHEP session deleted").atMost(Duration.ofSeconds(10))
                .until(() -> sim.webrtc().ends().stream().anyMatch(e -> e.kind().equals("whep-delete")));
        await("no helper process left").atMost(Duration.ofSeconds(10)).until(() -> WebRtcWorld.helperPids().isEmpty());
    }

    private String sourceState(String jobId) {
        SourceStatus s = world.job(jobId).source();
        return s == null ? "" : s.state();
    }

    private double videoSeconds() throws Exception {
        return Ffprobe.packets(receiver.latest()).stream().filter(p -> p.type().equals("video")).mapToDouble(Ffprobe.Packet::pts).max().orElse(0);
    }
}
