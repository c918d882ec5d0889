package io.restream.worker.overlay.html;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
 * Switching a job's HTML banner from URL to URL at 720p: the job's page is navigated (one target
 * for all the switches), and the old banner stays on air until the new one is, with no blank
 * frame between them. Switch times are printed ({@code [measure]}); the goal is in bench/worker.
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
        await("first page on air").atMost(Duration.ofSeconds(40)).until(() -> colour(latest.get()) == 'm');
        PageTarget target = page.target();
        assertNotNull(target);
        int from = delivered.size();
        List<Long> ms = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            char want = i % 2 == 0 ? 'm' : 'g';
            long t0 = System.nanoTime();
            page.show(want == 'm' ? a : b, true);
            await("switch " + i).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> colour(latest.get()) == want);
            ms.add((System.nanoTime() - t0) / 1_000_000);
        }
        System.out.println("[measure] HTML banner switch → frame delivered, 720p, ms: " + ms);
        assertSame(target, page.target(), "every switch navigated the page the job had");
        List<Character> during = delivered.subList(from, delivered.size());
        assertTrue(during.stream().allMatch(c -> c == 'm' || c == 'g'), "no blank or transparent frame between banners: " + during);
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
