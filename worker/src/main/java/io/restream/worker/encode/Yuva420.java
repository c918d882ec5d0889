package io.restream.worker.encode;

import java.nio.ByteBuffer;

/**
 * RGBA (straight alpha) → planar yuva420p, the overlay filter's own input format: converted here
 * once per new overlay picture instead of by FFmpeg for every overlay frame (4 a second, most of
 * them the same picture), and 2.5 bytes a pixel on the socket instead of 4. BT.601 limited range,
 * as FFmpeg's swscale converts untagged RGB; chroma is the average of each 2×2 block, alpha full
 * size.
 */
final class Yuva420 {
    private Yuva420() {}

    /** Bytes of one frame. */
    static int frameBytes(int width, int height) {
        return width * height * 5 / 2;
    }

    /** A direct buffer (written to the socket without a copy) holding {@code rgba} as yuva420p. */
    static ByteBuffer fromRgba(byte[] rgba, int width, int height) {
        if (rgba.length != width * height * 4 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("an RGBA frame of " + width + "x" + height + " expected");
        }
        int ySize = width * height;
        int cw = width / 2;
        int cSize = cw * (height / 2);
        byte[] out = new byte[frameBytes(width, height)];
        int uOff = ySize;
        int vOff = ySize + cSize;
        int aOff = ySize + 2 * cSize;
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                int rs = 0;
                int gs = 0;
                int bs = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int p = (y + dy) * width + x + dx;
                        int i = p * 4;
                        int r = rgba[i] & 0xff;
                        int g = rgba[i + 1] & 0xff;
                        int b = rgba[i + 2] & 0xff;
                        out[p] = (byte) (((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
                        out[aOff + p] = rgba[i + 3];
                        rs += r;
                        gs += g;
                        bs += b;
                    }
                }
                int c = (y / 2) * cw + x / 2;
                out[uOff + c] = (byte) (((-38 * rs - 74 * gs + 112 * bs + 512) >> 10) + 128);
                out[vOff + c] = (byte) (((112 * rs - 94 * gs - 18 * bs + 512) >> 10) + 128);
            }
        }
        return ByteBuffer.allocateDirect(out.length).put(out).flip();
    }

    /** A fully transparent frame (all zeros: alpha 0, what it hides does not matter). */
    static ByteBuffer transparent(int width, int height) {
        return ByteBuffer.allocateDirect(frameBytes(width, height));
    }
}
