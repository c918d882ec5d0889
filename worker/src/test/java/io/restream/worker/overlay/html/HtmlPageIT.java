package io.restream.worker.overlay.html;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.net.UrlGuard;
import io.restream.worker.testing.Pages;
import io.restream.worker.testing.Trap;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The page renderer against Debian's Chromium: transparency, the request guard, budgets, failures. */
class HtmlPageIT {
    private static final int W = 320;
    private static final int H = 180;

    private final Pages pages = new Pages();
    private final AtomicReference<byte[]> latest = new AtomicReference<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private HtmlBanners banners;
    private HtmlPage page;

    HtmlPageIT() throws Exception {}

    @AfterEach
    void tearDown() {
        if (page != null) page.close();
        if (banners != null) banners.close();
        pages.close();
    }

    /** Production-like: private addresses refused, only the test page's host allowlisted. */
    private void open(long heapBudget) {
        banners = new HtmlBanners(new UrlGuard(false, Set.of("127.0.0.1")), true, 4, null, heapBudget, HtmlBanners.CPU_BUDGET);
        page = new HtmlPage(banners, "job_test", W, H, 4, latest::set, failures::add, () -> { });
    }

    @Test
    void aSolidBarIsOpaqueWhereDrawnAndTransparentElsewhere() {
        open(HtmlBanners.HEAP_BUDGET_BYTES);
        page.show(pages.put("/bar.html", Pages.solidBar("#ff00ff")), true);
        await("magenta bar").atMost(Duration.ofSeconds(30)).until(() -> isColour(latest.get(), 20, 20, 255, 0, 255));
        byte[] f = latest.get();
        assertEquals(W * H * 4, f.length);
        assertEquals(0, f[((H - 10) * W + W - 10) * 4 + 3] & 0xff, "outside the bar the page is transparent");
        page.show(pages.url("/bar.html"), false);
        await("hidden").atMost(Duration.ofSeconds(5)).until(() -> latest.get() == null);
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void aPageReachesNoLoopbackOrPrivateAddressInAnyWay() throws Exception {
        try (Trap trap = new Trap()) {
            open(HtmlBanners.HEAP_BUDGET_BYTES);
            String origin = pages.url("");
            page.show(pages.put("/attack.html", trap.attackPage(origin, "/done")), true);
            await("the page tried everything").atMost(Duration.ofSeconds(30)).until(() -> pages.requested().contains("/done"));
            await("nothing reached the trap").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> trap.connections() == 0);
            assertTrue(pages.requested().contains("/redirect"), "the redirect hop on the allowed origin was requested");
        }
    }

    @Test
    void aPageNavigatedToInTheJobsTargetIsGuardedToo() throws Exception {
        // A switch loads the next URL into the same target (HtmlSwitchIT): the guard set up with it still holds.
        try (Trap trap = new Trap()) {
            open(HtmlBanners.HEAP_BUDGET_BYTES);
            page.show(pages.put("/bar.html", Pages.solidBar("#ff00ff")), true);
            await("first page on air").atMost(Duration.ofSeconds(30)).until(() -> isColour(latest.get(), 20, 20, 255, 0, 255));
            page.show(pages.put("/attack.html", trap.attackPage(pages.url(""), "/done")), true);
            await("the page tried everything").atMost(Duration.ofSeconds(30)).until(() -> pages.requested().contains("/done"));
            await("nothing reached the trap").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> trap.connections() == 0);
        }
    }

    @Test
    void withPrivateAddressesAllowedTheSamePageDoesReachTheTrap() throws Exception {
        // The control for the test above: the page really makes those requests.
        try (Trap trap = new Trap()) {
            banners = new HtmlBanners(new UrlGuard(true, Set.of()), true, 4, null);
            page = new HtmlPage(banners, "job_test", W, H, 4, latest::set, failures::add, () -> { });
            page.show(pages.put("/attack.html", trap.attackPage(pages.url(""), "/done")), true);
            await("requests reached the trap").atMost(Duration.ofSeconds(30)).until(() -> trap.connections() >= 5);
        }
    }

    @Test
    void aRefusedOrUnloadablePageShowsNothingAndReportsAFailure() throws Exception {
        open(HtmlBanners.HEAP_BUDGET_BYTES);
        page.show("http://127.0.0.2:9/never.html", true);
        await("refused").atMost(Duration.ofSeconds(20)).until(() -> failures.size() == 1);
        assertTrue(failures.get(0).contains("htmlBanner"), failures.get(0));
        page.show(pages.url("/missing-host-page.html").replace("127.0.0.1", "localhost"), true);
        await("refused too").atMost(Duration.ofSeconds(20)).until(() -> failures.size() == 2);
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            page.show("http://127.0.0.1:" + silent.getLocalPort() + "/silent.html", true); // connects, never answers
            await("never loads").atMost(Duration.ofSeconds(30)).until(() -> failures.size() == 3);
            assertTrue(failures.get(2).contains("did not load"), failures.get(2));
        }
        assertEquals(null, latest.get());
    }

    @Test
    void aPageOverItsMemoryBudgetIsReloadedThenDropped() {
        open(40L * 1024 * 1024);
        // About 10 MB a second: over the 40 MB budget after ~4 s, well before V8's hard limit (80 MB).
        String hog = "<!doctype html><body><script>const keep=[];"
                + "setInterval(()=>{for(let i=0;i<5;i++)keep.push(new Array(25000).fill(Math.random()));},100);</script></body>";
        page.show(pages.put("/hog.html", hog), true);
        await("dropped after one reload").atMost(Duration.ofSeconds(60)).until(() -> !failures.isEmpty());
        assertTrue(failures.get(0).contains("memory budget") && failures.get(0).contains("after a reload"), failures.get(0));
        long loads = loads("/hog.html");
        // Loaded, reloaded once (plus, at most, the re-open Chromium's first-page detach costs), then dropped:
        assertTrue(loads >= 2 && loads <= 3, loads + " loads");
        await().atMost(Duration.ofSeconds(5)).until(() -> latest.get() == null);
        await("not loaded again").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> loads("/hog.html") == loads);
    }

    private long loads(String path) {
        return pages.requested().stream().filter(path::equals).count();
    }

    static boolean isColour(byte[] rgba, int x, int y, int r, int g, int b) {
        if (rgba == null) return false;
        int i = (y * W + x) * 4;
        return Math.abs((rgba[i] & 0xff) - r) < 30 && Math.abs((rgba[i + 1] & 0xff) - g) < 30
                && Math.abs((rgba[i + 2] & 0xff) - b) < 30 && (rgba[i + 3] & 0xff) > 240;
    }
}
