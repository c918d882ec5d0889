package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.Job;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import io.restream.worker.overlay.html.HtmlBanners;
import io.restream.worker.testing.Ffprobe;
import io.restream.worker.testing.Pages;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.TestWorld;
import io.restream.worker.testing.Trap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTML banners end to end: a worker renders the page in Debian's Chromium and burns it into the
 * stream a loopback RTMP receiver gets; page switches, hiding, a browser crash and a hostile page
 * never make a destination reconnect.
 */
class HtmlBannerIT {
    private static final int W = 640;
    private static final int H = 360;
    /** Inside the bar (top-left quarter of the frame) and well outside it. */
    private static final int[] IN_BAR = {W / 4, H / 8};

    @TempDir Path tmp;
    private TestWorld world;
    private RtmpReceiver rx;
    private final Pages pages = new Pages();

    HtmlBannerIT() throws Exception {}

    @AfterEach
    void tearDown() throws Exception {
        if (world != null) world.close();
        if (rx != null) rx.close();
        pages.close();
    }

    private String live(Map<String, String> env, Overlay overlay) throws Exception {
        world = new TestWorld(tmp.resolve("data"));
        rx = RtmpReceiver.plain(tmp.resolve("rx"), "key-a");
        world.addCustom("a", rx);
        world.startWorker(env);
        String jobId = world.goLive("demo-html", List.of("custom:a"), overlay, false, List.of("audio", "video"));
        await("live with media").atMost(Duration.ofSeconds(30)).until(() -> rx.latestBytes() > 100_000
                && world.job(jobId).broadcasts().stream().allMatch(b -> b.state() == BroadcastState.LIVE));
        return jobId;
    }

    @Test
    void anAnimatedPageIsBurnedInOverTheSourceAndSwitchesAndHidesWithoutAReconnect() throws Exception {
        String animated = pages.put("/bar.html", Pages.colourBar(700));
        String jobId = live(Map.of(), new Overlay(animated, null, null, null, null, null));

        Set<String> seen = new HashSet<>();
        await("the bar's colours cycle in the received frames").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    String c = barColour(frame());
                    if (c != null) seen.add(c);
                    return seen.size() >= 2;
                });
        assertTrue(showsSource(frame()), "outside the bar the source shows through (the page is transparent)");

        pages.put("/solid.html", Pages.solidBar("#ff00ff"));
        world.jobs.patchOverlay(jobId, new Overlay(pages.url("/solid.html"), null, null, null, null, null)).toCompletableFuture().join();
        await("switched to the magenta page").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> "magenta".equals(barColour(frame())));

        world.jobs.patchOverlay(jobId, new Overlay(null, null, null, null, null, false)).toCompletableFuture().join();
        await("hidden").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> !"magenta".equals(barColour(frame())));
        long shown = System.nanoTime();
        world.jobs.patchOverlay(jobId, new Overlay(null, null, null, null, null, true)).toCompletableFuture().join();
        await("shown again").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> "magenta".equals(barColour(frame())));
        System.out.println("[measure] enabled:true → page visible at the receiver after " + (System.nanoTime() - shown) / 1_000_000 + " ms");

        assertNoReconnect(jobId);
        assertEquals(null, world.job(jobId).error(), "no overlay error");
    }

    @Test
    void killingChromiumMidStreamCausesNoReconnectAndTheBannerIsBackWithinTenSeconds() throws Exception {
        String jobId = live(Map.of(), new Overlay(pages.put("/solid.html", Pages.solidBar("#ff00ff")), null, null, null, null, null));
        await("banner on air").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
                .until(() -> "magenta".equals(barColour(frame())));
        List<Long> pids = HtmlBanners.browserPids();
        assertEquals(1, pids.size(), "one browser for the worker");
        long killed = System.nanoTime();
        ProcessHandle.of(pids.get(0)).orElseThrow().destroyForcibly(); // SIGKILL, by the pid the supervisor gave us
        await("a new browser").atMost(Duration.ofSeconds(10)).until(() -> !HtmlBanners.browserPids().isEmpty()
                && !HtmlBanners.browserPids().contains(pids.get(0)));
        await("banner back").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> "magenta".equals(barColour(frame())));
        long backMs = (System.nanoTime() - killed) / 1_000_000;
        System.out.println("[measure] banner back at the receiver " + backMs + " ms after SIGKILL of Chromium");
        assertTrue(backMs <= 10_000, "back after " + backMs + " ms");
        assertNoReconnect(jobId);
    }

    @Test
    void aHostilePageReachesNoLoopbackOrPrivateAddressAndAFailingPageReportsOverlayFailedUntilAGoodOneShows() throws Exception {
        try (Trap trap = new Trap()) {
            Map<String, String> production = Map.of("RESTREAM_ALLOW_PRIVATE_URLS", "false",
                    "RESTREAM_URL_ALLOWLIST", "127.0.0.1", "RESTREAM_ALLOW_HTTP_OVERLAYS", "true");
            String attack = pages.put("/attack.html", trap.attackPage(pages.url(""), "/done"));
            String jobId = live(production, new Overlay(attack, null, null, null, null, null));
            await("the page tried everything").atMost(Duration.ofSeconds(40)).until(() -> pages.requested().contains("/done"));
            await("nothing reached the trap").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> trap.connections() == 0);

            // A banner URL the worker's guard refuses (the service would have refused it already).
            world.jobs.patchOverlay(jobId, new Overlay("http://" + trap.v4() + "/page.html", null, null, null, null, null))
                    .toCompletableFuture().join();
            await("overlay_failed on the job").atMost(Duration.ofSeconds(20))
                    .until(() -> world.job(jobId).error() != null && "overlay_failed".equals(world.job(jobId).error().code()));
            Job job = world.job(jobId);
            assertEquals(JobStatus.RUNNING, job.status(), "the stream carries on");
            assertEquals(0, trap.connections());

            // A page that works replaces it: the banner shows and the error goes.
            world.jobs.patchOverlay(jobId, new Overlay(pages.put("/solid.html", Pages.solidBar("#ff00ff")), null, null, null, null, null))
                    .toCompletableFuture().join();
            await("the good page on air").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> "magenta".equals(barColour(frame())));
            await("overlay_failed cleared").atMost(Duration.ofSeconds(10)).until(() -> world.job(jobId).error() == null);
            assertEquals(JobStatus.RUNNING, world.job(jobId).status());
            assertNoReconnect(jobId);
        }
    }

    private byte[] frame() throws Exception {
        return Ffprobe.latestFrame(rx.latest(), W, H);
    }

    private void assertNoReconnect(String jobId) {
        assertEquals(1, rx.connections(), "the receiver saw one publisher");
        for (Broadcast b : world.job(jobId).broadcasts()) {
            assertEquals(0, b.reconnects(), b.destination());
            assertEquals(BroadcastState.LIVE, b.state(), b.destination());
        }
    }

    /** The bar's colour in an RGB24 frame: red, green, blue, magenta, or null for anything else. */
    static String barColour(byte[] rgb) {
        if (rgb == null || rgb.length < W * H * 3) return null;
        int i = (IN_BAR[1] * W + IN_BAR[0]) * 3;
        int r = rgb[i] & 0xff;
        int g = rgb[i + 1] & 0xff;
        int b = rgb[i + 2] & 0xff;
        if (r > 200 && g < 60 && b < 60) return "red";
        if (r < 60 && g > 200 && b < 60) return "green";
        if (r < 60 && g < 60 && b > 200) return "blue";
        if (r > 200 && g < 60 && b > 200) return "magenta";
        return null;
    }

    /** The lower half still shows the (many-coloured) test pattern, not one flat colour. */
    static boolean showsSource(byte[] rgb) {
        Set<Integer> colours = new HashSet<>();
        for (int y = H / 2; y < H - 10; y += 20) {
            for (int x = 10; x < W - 10; x += 40) {
                int i = (y * W + x) * 3;
                colours.add(((rgb[i] & 0xe0) << 16) | ((rgb[i + 1] & 0xe0) << 8) | (rgb[i + 2] & 0xe0));
            }
        }
        return colours.size() >= 6;
    }
}
