package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.model.JobStatus;
import io.restream.sim.webrtc.WebRtcPublishers;
import io.restream.testkit.Fixture;
import io.restream.worker.testing.WebRtcWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cloudflare Realtime pull through the simulator's Calls API (sessions/new, tracks/new with
 * remote tracks, renegotiate): H.264/AAC with a moving picture at the receiver; stop closes every
 * pulled mid with {@code force: true} and leaves no helper; an unknown session (HTTP 200 with a
 * per-track {@code errorCode}) fails the job with {@code source_unavailable}.
 */
class CallsSourceIT {
    private static final String APP_TOKEN = "calls-app-secret";

    @RegisterExtension
    final Fixture<WebRtcWorld> webrtc = Fixture.perTest(WebRtcWorld::open);

    private void start(String key) throws Exception {
        WebRtcWorld w = webrtc.get();
        w.start(key, "calls+" + w.sim.baseUrl() + "/v1/apps/app123", 20_000, Map.of("RESTREAM_CALLS_APP_TOKEN", APP_TOKEN));
    }

    @Test
    void aCallsSessionGoesLiveWithAMovingPictureAndStopClosesEveryTrack() throws Exception {
        start("key-calls");
        WebRtcWorld w = webrtc.get();
        String jobId = w.world.goLive("webrtc-room7", List.of("custom:rx"));
        w.awaitRunningWithMedia(jobId, "Calls goLive");
        List<Long> helpers = WebRtcWorld.helperPids();
        assertEquals(1, helpers.size(), "one helper process: " + helpers);
        w.assertMovingH264Aac("Calls", 640, 360);

        WebRtcPublishers.Opened opened = w.publishers().opened().get(0);
        assertEquals("Bearer " + APP_TOKEN, opened.authorization());
        assertEquals("webrtc-room7", opened.publisherSessionId());
        assertEquals(List.of("audio", "video"), opened.offeredKinds());

        w.stopAndAwaitEnd(jobId, "calls-close", "Calls tracks/close");
        WebRtcPublishers.End end = w.publishers().ends().get(0);
        assertEquals(2, end.mids().size(), "both pulled mids closed: " + end.mids());
        assertTrue(end.force());
        assertEquals("Bearer " + APP_TOKEN, end.authorization());
        await("no helper process left").atMost(Duration.ofSeconds(10)).until(() -> helpers.stream().noneMatch(WebRtcWorld::alive));
        await("stopped").atMost(Duration.ofSeconds(10)).until(() -> w.world.job(jobId).status() == JobStatus.STOPPED);
        await("the publisher's peer for us is gone").atMost(Duration.ofSeconds(10)).until(() -> w.publishers().activePeers() == 0);
    }

    @Test
    void anUnknownSessionFailsTheJobWithSourceUnavailable() throws Exception {
        start("key-calls-unknown");
        WebRtcWorld w = webrtc.get();
        String jobId = w.world.goLive("no-such-session", List.of("custom:rx"));
        String message = w.assertFailedUnavailable(jobId, "Calls unknown session", Duration.ofSeconds(15));
        assertTrue(message.contains("not_found_track_error"), message);
    }
}
