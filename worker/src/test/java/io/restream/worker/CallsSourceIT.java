package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.model.JobStatus;
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
 * Cloudflare Realtime pull through the simulator's Calls API (sessions/new, tracks/new with
 * remote tracks, renegotiate): H.264/AAC with a moving picture at the receiver; stop closes every
 * pulled mid with {@code force: true} and leaves no helper; an unknown session (HTTP 200 with a
 * per-track {@code errorCode}) fails the job with {@code source_unavailable}.
 */
class CallsSourceIT {
    private static final String APP_TOKEN = "calls-app-secret";

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
        sim = WebRtcWorld.simulator();
        world = new TestWorld(tmp.resolve("data"));
        receiver = RtmpReceiver.plain(tmp.resolve("rx"), key);
        world.addCustom("rx", receiver);
        world.startWorker(Map.of("RESTREAM_SOURCE_URL_TEMPLATE", "calls+" + sim.baseUrl() + "/v1/apps/app123",
                "RESTREAM_CALLS_APP_TOKEN", APP_TOKEN, "RESTREAM_SOURCE_GRACE_MS", "20000",
                // generous for a loaded machine: the helper JVM loads a 23 MB native library first
                "RESTREAM_SOURCE_OPEN_TIMEOUT_MS", "40000"));
    }

    @Test
    void aCallsSessionGoesLiveWithAMovingPictureAndStopClosesEveryTrack() throws Exception {
        start("key-calls");
        long t0 = System.nanoTime();
        String jobId = world.goLive("webrtc-room7", List.of("custom:rx"));
        await("running with media at the receiver").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> world.job(jobId).status() == JobStatus.RUNNING && receiver.latestBytes() > 50_000);
        System.out.println("[measure] Calls goLive → running with media " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        List<Long> helpers = WebRtcWorld.helperPids();
        assertEquals(1, helpers.size(), "one helper process: " + helpers);
        await("four seconds of output").atMost(Duration.ofSeconds(30)).until(() -> videoSeconds() > 4);

        List<Ffprobe.Stream> streams = Ffprobe.streams(receiver.latest());
        assertTrue(streams.stream().anyMatch(s -> s.type().equals("video") && s.codec().equals("h264")), streams.toString());
        assertTrue(streams.stream().anyMatch(s -> s.type().equals("audio") && s.codec().equals("aac")), streams.toString());
        byte[][] frames = WebRtcWorld.twoFrames(receiver.latest(), 1.0, 2.0, 640, 360);
        double moved = WebRtcWorld.difference(frames[0], frames[1]);
        System.out.println("[measure] Calls picture change over 2 s: " + Math.round(moved * 100) + " % of bytes");
        assertTrue(moved > 0.01, "the picture moves: " + moved);

        WebRtcPublishers.Opened opened = sim.webrtc().opened().get(0);
        assertEquals("Bearer " + APP_TOKEN, opened.authorization());
        assertEquals("webrtc-room7", opened.publisherSessionId());
        assertEquals(List.of("audio", "video"), opened.offeredKinds());

        world.stop(jobId);
        long stopped = System.nanoTime();
        await("tracks/close").atMost(Duration.ofSeconds(10))
                .until(() -> sim.webrtc().ends().stream().anyMatch(e -> e.kind().equals("calls-close")));
        System.out.println("[measure] Calls tracks/close " + (System.nanoTime() - stopped) / 1_000_000 + " ms after stop");
        WebRtcPublishers.End end = sim.webrtc().ends().get(0);
        assertEquals(2, end.mids().size(), "both pulled mids closed: " + end.mids());
        assertTrue(end.force());
        assertEquals("Bearer " + APP_TOKEN, end.authorization());
        await("no helper process left").atMost(Duration.ofSeconds(10)).until(() -> helpers.stream().noneMatch(WebRtcWorld::alive));
        await("stopped").atMost(Duration.ofSeconds(10)).until(() -> world.job(jobId).status() == JobStatus.STOPPED);
        await("the publisher's peer for us is gone").atMost(Duration.ofSeconds(10)).until(() -> sim.webrtc().activePeers() == 0);
    }

    @Test
    void anUnknownSessionFailsTheJobWithSourceUnavailable() throws Exception {
        start("key-calls-unknown");
        long t0 = System.nanoTime();
        String jobId = world.goLive("no-such-session", List.of("custom:rx"));
        await("failed").atMost(Duration.ofSeconds(15)).until(() -> world.job(jobId).status() == JobStatus.FAILED);
        System.out.println("[measure] Calls unknown session failed after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals("source_unavailable", world.job(jobId).error().code());
        assertTrue(world.job(jobId).error().message().contains("not_found_track_error"), world.job(jobId).error().message());
        await("no helper process left").atMost(Duration.ofSeconds(10)).until(() -> WebRtcWorld.helperPids().isEmpty());
        assertEquals(0, receiver.connections(), "nothing was pushed");
    }

    private double videoSeconds() throws Exception {
        return Ffprobe.packets(receiver.latest()).stream().filter(p -> p.type().equals("video")).mapToDouble(Ffprobe.Packet::pts).max().orElse(0);
    }
}
