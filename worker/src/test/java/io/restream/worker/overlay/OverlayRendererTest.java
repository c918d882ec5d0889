package io.restream.worker.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restream.core.model.Overlay;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class OverlayRendererTest {
    private static final int W = 320;
    private static final int H = 180;
    private final OverlayRenderer renderer = new OverlayRenderer(W, H);

    private static BufferedImage solid(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static int[] rgba(byte[] frame, int x, int y) {
        int i = (y * W + x) * 4;
        return new int[] {frame[i] & 0xff, frame[i + 1] & 0xff, frame[i + 2] & 0xff, frame[i + 3] & 0xff};
    }

    @Test
    void bannersSitOnTheirEdgesScaledToTheWidthAndTheRestIsTransparent() {
        Overlay o = new Overlay(null, "top", "bottom", null, null, null);
        byte[] f = renderer.render(o, solid(640, 40, Color.RED), solid(160, 10, Color.BLUE));
        assertEquals(W * H * 4, f.length);
        assertArrayEquals(new int[] {255, 0, 0, 255}, rgba(f, 5, 5));
        assertArrayEquals(new int[] {255, 0, 0, 255}, rgba(f, W - 5, 19)); // 640x40 scaled to 320x20
        assertEquals(0, rgba(f, 5, 21)[3]);
        assertEquals(0, rgba(f, W / 2, H / 2)[3]);
        assertArrayEquals(new int[] {0, 0, 255, 255}, rgba(f, 5, H - 5)); // 160x10 scaled to 320x20
        assertEquals(0, rgba(f, 5, H - 21)[3]);
    }

    @Test
    void hiddenOrDisabledBannersAreNotDrawn() {
        BufferedImage red = solid(640, 40, Color.RED);
        assertArrayEquals(renderer.transparent(), renderer.render(new Overlay(null, "t", null, true, null, null), red, null));
        assertArrayEquals(renderer.transparent(), renderer.render(new Overlay(null, "t", null, null, null, false), red, null));
        assertArrayEquals(renderer.transparent(), renderer.render(new Overlay("https://x/banner.html", null, null, null, null, null), null, null));
    }

    @Test
    void aTallBannerIsCappedToAThirdOfTheHeight() {
        byte[] f = renderer.render(new Overlay(null, "t", null, null, null, null), solid(100, 100, Color.GREEN), null);
        assertEquals(255, rgba(f, W / 2, H / 3 - 1)[3]);
        assertEquals(0, rgba(f, W / 2, H / 3 + 1)[3]);
        assertEquals(0, rgba(f, 5, 5)[3]); // centred, not stretched
    }
}
