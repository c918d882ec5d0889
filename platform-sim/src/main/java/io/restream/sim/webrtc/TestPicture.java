package io.restream.sim.webrtc;

import java.nio.ByteBuffer;

/**
 * The simulated publisher's media: a moving picture (a colour gradient, a white bar sweeping
 * across, and the frame number in big digits, so every frame differs and a frozen picture is
 * easy to spot) and a 440 Hz tone, as I420 planes and 10 ms of 48 kHz stereo s16le.
 */
final class TestPicture {
    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    static final int SAMPLE_RATE = 48_000;
    static final int FRAMES_PER_10MS = SAMPLE_RATE / 100;
    private static final int[] DIGITS = { // 3x5 glyphs, one bit a cell, rows top down
        0b111_101_101_101_111, 0b010_110_010_010_111, 0b111_001_111_100_111, 0b111_001_111_001_111, 0b101_101_111_001_001,
        0b111_100_111_001_111, 0b111_100_111_101_111, 0b111_001_010_010_010, 0b111_101_111_101_111, 0b111_101_111_001_111};

    private long samples;

    /** Draws frame {@code n} into the planes (strides as given). */
    void draw(long n, ByteBuffer y, int strideY, ByteBuffer u, int strideU, ByteBuffer v, int strideV) {
        int bar = (int) ((n * 8) % WIDTH);
        for (int row = 0; row < HEIGHT; row++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean onBar = x >= bar && x < bar + 24;
                y.put(row * strideY + x, (byte) (onBar ? 235 : 40 + (x + row) * 150 / (WIDTH + HEIGHT)));
            }
        }
        for (int row = 0; row < HEIGHT / 2; row++) {
            for (int x = 0; x < WIDTH / 2; x++) {
                u.put(row * strideU + x, (byte) (128 + (x * 80 / (WIDTH / 2)) - 40));
                v.put(row * strideV + x, (byte) (128 + (row * 80 / (HEIGHT / 2)) - 40));
            }
        }
        String digits = Long.toString(n);
        int cell = 10;
        for (int d = 0; d < digits.length(); d++) {
            int glyph = DIGITS[digits.charAt(d) - '0'];
            for (int gy = 0; gy < 5; gy++) {
                for (int gx = 0; gx < 3; gx++) {
                    boolean on = (glyph >> (14 - (gy * 3 + gx)) & 1) == 1;
                    int x0 = 20 + d * 4 * cell + gx * cell;
                    int y0 = 20 + gy * cell;
                    for (int yy = y0; yy < y0 + cell; yy++) {
                        for (int xx = x0; xx < x0 + cell; xx++) y.put(yy * strideY + xx, (byte) (on ? 255 : 16));
                    }
                }
            }
        }
    }

    /** The next 10 ms of the tone. */
    byte[] tone() {
        byte[] pcm = new byte[FRAMES_PER_10MS * 4];
        for (int i = 0; i < FRAMES_PER_10MS; i++) {
            short s = (short) (Math.sin(2 * Math.PI * 440 * (samples + i) / SAMPLE_RATE) * 8000);
            pcm[i * 4] = (byte) s;
            pcm[i * 4 + 1] = (byte) (s >> 8);
            pcm[i * 4 + 2] = (byte) s;
            pcm[i * 4 + 3] = (byte) (s >> 8);
        }
        samples += FRAMES_PER_10MS;
        return pcm;
    }
}
