package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restream.core.jobs.OverlayOutcome;
import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import io.restream.worker.testing.Banners;
import io.restream.worker.testing.Ffprobe;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.TestWorld;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A banner PATCHed into the running output shows within 2 s, with no restart and no reconnect. */
class OverlayIT {
    private static final int W = 640;
    private static final int H = 360;
    private static final Color BANNER = new Color(255, 128, 0);

    @TempDir Path tmp;
    private TestWorld world;
    private HttpServer http;
    private final List<RtmpReceiver> receivers = new ArrayList<>();

    @BeforeEach
    void serveBanner() throws Exception {
        http = Banners.serve(BANNER, 640, 60);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (world != null) world.close();
        for (RtmpReceiver r : receivers) r.close();
        http.stop(0);
    }

    @Test
    void aTopBannerPatchedWhileLiveShowsInTheReceivedFramesWithoutAnyReconnect() throws Exception {
        world = new TestWorld(tmp.resolve("data"));
        for (String name : List.of("a", "b")) {
            RtmpReceiver r = RtmpReceiver.plain(tmp.resolve("rx-" + name), "key-" + name);
            receivers.add(r);
            world.addCustom(name, r);
        }
        world.startWorker();
        String jobId = world.goLive("demo-overlay", List.of("custom:a", "custom:b"));
        RtmpReceiver a = receivers.get(0);
        await("live with media").atMost(Duration.ofSeconds(30)).until(() -> a.latestBytes() > 100_000
                && world.job(jobId).broadcasts().stream().allMatch(b -> b.state() == BroadcastState.LIVE));
        assertFalse(bannerAtTop(latestFrame(a)), "no banner before the PATCH");

        String url = Banners.url(http);
        long patched = System.nanoTime();
        OverlayOutcome outcome = world.jobs.patchOverlay(jobId, new Overlay(null, url, null, null, null, null))
                .toCompletableFuture().join();
        assertEquals(OverlayOutcome.APPLIED, outcome);
        // Live, on a possibly loaded machine: the speed goal (≤ 1 s) is measured by bench/worker, not here.
        await("banner in the received frames").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> bannerAtTop(latestFrame(a)));
        long shownMs = (System.nanoTime() - patched) / 1_000_000;
        System.out.println("[measure] banner visible at the receiver " + shownMs + " ms after the PATCH");

        world.jobs.patchOverlay(jobId, new Overlay(null, null, null, true, null, null)).toCompletableFuture().join();
        await("hideTop removes it").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> !bannerAtTop(latestFrame(a)));

        // The encoder's blend is switched off while nothing is drawn and on again for the next banner
        // (OverlayFeeder): each edge, both ways, again, on the same connections.
        world.jobs.patchOverlay(jobId, new Overlay(null, null, null, false, null, null)).toCompletableFuture().join();
        await("shown again after the blend was off").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> bannerAtTop(latestFrame(a)));
        world.jobs.patchOverlay(jobId, new Overlay(null, null, null, null, null, false)).toCompletableFuture().join();
        await("enabled=false removes it").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> !bannerAtTop(latestFrame(a)));
        long before = a.latestBytes();
        await("media keeps arriving with the blend off").atMost(Duration.ofSeconds(10)).until(() -> a.latestBytes() > before + 50_000);

        for (RtmpReceiver r : receivers) assertEquals(1, r.connections(), r.key() + " saw one publisher");
        for (Broadcast b : world.job(jobId).broadcasts()) {
            assertEquals(0, b.reconnects(), b.destination());
            assertEquals(BroadcastState.LIVE, b.state(), b.destination());
        }
    }

    @Test
    void aBannerThatCannotBeShownIsReportedAsOverlayFailedOnTheJobUntilOneLoadsAndTheStreamGoesOn() throws Exception {
        world = new TestWorld(tmp.resolve("data"));
        RtmpReceiver a = RtmpReceiver.plain(tmp.resolve("rx-a"), "key-a");
        receivers.add(a);
        world.addCustom("a", a);
        world.startWorker();
        String jobId = world.goLive("demo-overlay-refused", List.of("custom:a"));
        await("live with media").atMost(Duration.ofSeconds(30)).until(() -> a.latestBytes() > 100_000
                && world.job(jobId).broadcasts().stream().allMatch(b -> b.state() == BroadcastState.LIVE));

        String missing = Banners.url(http).replace("banner.png", "missing.png"); // the server answers 404
        world.jobs.patchOverlay(jobId, new Overlay(null, missing, null, null, null, null)).toCompletableFuture().join();
        await("overlay_failed on the job").atMost(Duration.ofSeconds(15))
                .until(() -> world.job(jobId).error() != null && "overlay_failed".equals(world.job(jobId).error().code()));
        assertTrue(world.job(jobId).error().message().contains("topBanner"), world.job(jobId).error().message());
        assertEquals(JobStatus.RUNNING, world.job(jobId).status(), "the job keeps running");
        long before = a.latestBytes();
        await("media keeps arriving").atMost(Duration.ofSeconds(10)).until(() -> a.latestBytes() > before + 50_000);
        assertEquals(1, a.connections(), "the destination kept its one connection");

        // A banner that loads replaces it: the error goes.
        world.jobs.patchOverlay(jobId, new Overlay(null, Banners.url(http), null, null, null, null)).toCompletableFuture().join();
        await("overlay_failed cleared").atMost(Duration.ofSeconds(15)).until(() -> world.job(jobId).error() == null);
        assertEquals(JobStatus.RUNNING, world.job(jobId).status());
        assertEquals(1, a.connections(), "the destination kept its one connection");
    }

    private static byte[] latestFrame(RtmpReceiver r) throws Exception {
        return Ffprobe.latestFrame(r.latest(), W, H);
    }

    private static boolean bannerAtTop(byte[] rgb) {
        return Banners.atTop(rgb, W, BANNER);
    }
}
