package io.restream.worker.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** RGBA → yuva420p as FFmpeg converts untagged RGB (BT.601 limited range): planes Y, U, V, A. */
class Yuva420Test {
    @Test
    void knownColoursLandOnTheirBt601ValuesWithAlphaKeptPerPixel() {
        // 4x2: the left 2x2 block opaque red, the right one white with alpha 128 and 0.
        byte[] rgba = new byte[4 * 2 * 4];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                int i = (y * 4 + x) * 4;
                boolean red = x < 2;
                rgba[i] = (byte) 255;
                rgba[i + 1] = (byte) (red ? 0 : 255);
                rgba[i + 2] = (byte) (red ? 0 : 255);
                rgba[i + 3] = (byte) (red ? 255 : (x == 2 ? 128 : 0));
            }
        }
        ByteBuffer b = Yuva420.fromRgba(rgba, 4, 2);
        assertEquals(Yuva420.frameBytes(4, 2), b.remaining());
        assertEquals(20, b.remaining());
        int[] v = new int[b.remaining()];
        for (int i = 0; i < v.length; i++) v[i] = b.get(i) & 0xff;
        assertEquals(82, v[0], "Y of red");
        assertEquals(235, v[2], "Y of white");
        assertEquals(90, v[8], "U of red");
        assertEquals(128, v[9], "U of white");
        assertEquals(240, v[10], "V of red");
        assertEquals(128, v[11], "V of white");
        assertEquals(255, v[12], "alpha of red");
        assertEquals(128, v[14]);
        assertEquals(0, v[15]);
        assertEquals(0, Yuva420.transparent(4, 2).get(12), "transparent: alpha 0");
    }

    @Test
    void aFrameOfTheWrongSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Yuva420.fromRgba(new byte[12], 4, 2));
    }
}
