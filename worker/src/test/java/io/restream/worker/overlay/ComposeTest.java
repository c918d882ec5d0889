package io.restream.worker.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Banners over the HTML page: straight-alpha source-over, pixel by pixel. */
class ComposeTest {
    private final OverlayRenderer renderer = new OverlayRenderer(2, 2);

    @Test
    void opaqueCoversTransparentShowsThroughAndHalfAlphaBlends() {
        byte[] under = px(0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 128, 10, 20, 30, 0);
        byte[] over = px(255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 128, 0, 255, 0, 0);
        byte[] out = renderer.compose(under, over);
        assertArrayEquals(px(255, 0, 0, 255), slice(out, 0), "an opaque banner pixel covers the page");
        assertArrayEquals(px(0, 0, 255, 255), slice(out, 1), "a transparent banner pixel shows the page");
        int[] blended = ints(slice(out, 2));
        // 50 % red over 50 % blue: alpha 0.5 + 0.5 × 0.5 = 0.75, colour 2/3 red, 1/3 blue.
        assertArrayEquals(new int[] {170, 0, 85, 191}, blended);
        assertArrayEquals(px(10, 20, 30, 0), slice(out, 3), "both transparent: the page's pixel as it was");
    }

    private static byte[] px(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    private static byte[] slice(byte[] f, int pixel) {
        return java.util.Arrays.copyOfRange(f, pixel * 4, pixel * 4 + 4);
    }

    private static int[] ints(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[i] & 0xff;
        return out;
    }
}
