package io.restream.worker.overlay.html;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.net.UrlGuard;
import io.restream.worker.testing.Pages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 720p banners as the bench shows them. Switching a job's HTML banner from URL to URL: the job's
 * page is navigated (one target for all the switches), and the old banner stays on air until the
 * new one is, with no blank frame between them (switch times are printed, {@code [measure]}; the
 * goal is in bench/worker). A page animated by CSS on the compositor's favourite properties, a
 * scrolling ticker and a JS clock keeps painting for 20 s (with BeginFrame control such a page
 * once stopped answering under load: run it beside {@code stress-ng --cpu 2}).
 */
class HtmlSwitchIT {
    private static final int W = 1280;
    private static final int H = 720;
    private final Pages pages = new Pages();
    private final AtomicReference<byte[]> latest = new AtomicReference<>();
    /** The colour at the bar of every frame the page delivered: 'm'agenta, 'g'reen, 't'ransparent, 'n'othing. */
    private final List<Character> delivered = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private HtmlBanners banners;
    private HtmlPage page;

    HtmlSwitchIT() throws Exception {}

    @AfterEach
    void tearDown() {
        if (page != null) page.close();
        if (banners != null) banners.close();
        pages.close();
    }

    @Test
    void aSwitchNavigatesTheSamePageAndTheOldBannerStaysUntilTheNewOneIsOnAir() {
        banners = new HtmlBanners(new UrlGuard(false, Set.of("127.0.0.1")), true, 4, null);
        page = new HtmlPage(banners, "job_test", W, H, 4, this::deliver, failures::add, () -> { });
        String a = pages.put("/a.html", Pages.solidBar("#ff00ff"));
        String b = pages.put("/b.html", Pages.solidBar("#00ff00"));
        page.show(a, true);
        // On air, and its target settled (new headless may detach a fresh page once: opened again).
        AtomicReference<PageTarget> seen = new AtomicReference<>();
        await("first page on air").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(40)).until(() -> {
            PageTarget t = page.target();
            return t != null && t == seen.getAndSet(t) && colour(latest.get()) == 'm';
        });
        PageTarget target = page.target();
        assertNotNull(target);
        int from = delivered.size();
        List<Long> ms = new ArrayList<>();
        int navigated = 0;
        for (int i = 1; i <= 8; i++) {
            char want = i % 2 == 0 ? 'm' : 'g';
            long t0 = System.nanoTime();
            page.show(want == 'm' ? a : b, true);
            await("switch " + i).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> colour(latest.get()) == want);
            ms.add((System.nanoTime() - t0) / 1_000_000);
            if (page.target() == target) navigated++;
            target = page.target();
        }
        System.out.println("[measure] HTML banner switch → frame delivered, 720p, ms: " + ms + "; " + navigated + " of 8 in the same target");
        // New headless (-Drestream.chromium=/usr/bin/chromium) now and then detaches a fresh page's
        // session on its first navigation, and the page is opened again once: allowed, not more.
        assertTrue(navigated >= 7, navigated + " of 8 switches navigated the page the job had");
        List<Character> during = delivered.subList(from, delivered.size());
        assertTrue(during.stream().allMatch(c -> c == 'm' || c == 'g'), "no blank or transparent frame between banners: " + during);
        assertEquals(List.of(), failures);
    }

    @Test
    void anAnimatedPageKeepsPaintingForTwentySeconds() {
        banners = new HtmlBanners(new UrlGuard(false, Set.of("127.0.0.1")), true, 4, null);
        page = new HtmlPage(banners, "job_test", W, H, 4, this::deliver, failures::add, () -> { });
        String animated = "<!doctype html><html><head><style>html,body{margin:0;background:transparent;overflow:hidden}"
                + "#bar{position:absolute;left:0;top:0;width:640px;height:180px;animation:cycle 1.5s steps(1) infinite}"
                + "@keyframes cycle{0%{background:#f0f}50%{background:#0f0}}"
                + "#ticker{position:absolute;left:0;top:620px;width:1280px;height:80px;background:rgba(0,0,0,.7);overflow:hidden}"
                + "#ticker span{position:absolute;font-size:40px;color:#fff;animation:run 6s linear infinite;will-change:transform}"
                + "@keyframes run{from{transform:translateX(1280px)}to{transform:translateX(-1000px)}}"
                + "#clock{position:absolute;left:700px;top:60px;font-size:48px;color:#fff}</style></head><body>"
                + "<div id=bar></div><div id=clock></div><div id=ticker><span>HOME 2 : 1 AWAY</span></div><script>"
                + "setInterval(()=>{document.getElementById('clock').textContent=new Date().toISOString();},100);</script></body></html>";
        page.show(pages.put("/animated.html", animated), true);
        await("on air").atMost(Duration.ofSeconds(40)).until(() -> colour(latest.get()) == 'm' || colour(latest.get()) == 'g');
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end) {
            int before = delivered.size();
            // Generous under load: a new picture within 8 s, every time, and the bar still cycling.
            await("a new frame").atMost(Duration.ofSeconds(8)).until(() -> delivered.size() > before);
        }
        List<Character> last = delivered.subList(Math.max(0, delivered.size() - 12), delivered.size());
        assertTrue(last.contains('m') || last.contains('g'), "the bar still shows: " + last);
        System.out.println("[measure] animated 720p page: " + delivered.size() + " frames delivered");
        assertEquals(List.of(), failures);
    }

    private void deliver(byte[] rgba) {
        latest.set(rgba);
        delivered.add(colour(rgba));
    }

    /** The bar's colour at (20, 20). */
    private static char colour(byte[] rgba) {
        if (rgba == null) return 'n';
        int i = (20 * W + 20) * 4;
        int r = rgba[i] & 0xff;
        int g = rgba[i + 1] & 0xff;
        int b = rgba[i + 2] & 0xff;
        if ((rgba[i + 3] & 0xff) < 240) return 't';
        if (r > 225 && g < 30 && b > 225) return 'm';
        if (r < 30 && g > 225 && b < 30) return 'g';
        return '?';
    }
}
