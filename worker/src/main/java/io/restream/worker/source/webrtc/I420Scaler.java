package io.restream.worker.source.webrtc;

import dev.onvoid.webrtc.media.video.I420Buffer;
import java.nio.ByteBuffer;

/**
 * Draws a decoded I420 picture of any size into a fixed-size yuv420p frame, aspect kept, black
 * bars around (nearest neighbour: the encoder scales again anyway, this only has to be cheap). A
 * publisher that changes resolution mid-stream therefore changes nothing downstream.
 */
final class I420Scaler {
    private final int width;
    private final int height;

    I420Scaler(int width, int height) {
        this.width = width;
        this.height = height;
    }

    int frameBytes() { return width * height * 3 / 2; }

    /** A new frame of the output size holding {@code src}. */
    byte[] scale(I420Buffer src) {
        byte[] out = new byte[frameBytes()];
        int sw = src.getWidth();
        int sh = src.getHeight();
        // fit inside, keep the aspect; even sizes and offsets so that chroma lines up
        int dw = width;
        int dh = (int) ((long) sh * width / sw);
        if (dh > height) {
            dh = height;
            dw = (int) ((long) sw * height / sh);
        }
        dw = Math.max(2, dw & ~1);
        dh = Math.max(2, dh & ~1);
        int ox = ((width - dw) / 2) & ~1;
        int oy = ((height - dh) / 2) & ~1;
        java.util.Arrays.fill(out, 0, width * height, (byte) 16);
        java.util.Arrays.fill(out, width * height, out.length, (byte) 128);
        plane(src.getDataY(), src.getStrideY(), sw, sh, out, 0, width, ox, oy, dw, dh);
        int cw = width / 2;
        int uOff = width * height;
        int vOff = uOff + cw * (height / 2);
        plane(src.getDataU(), src.getStrideU(), (sw + 1) / 2, (sh + 1) / 2, out, uOff, cw, ox / 2, oy / 2, dw / 2, dh / 2);
        plane(src.getDataV(), src.getStrideV(), (sw + 1) / 2, (sh + 1) / 2, out, vOff, cw, ox / 2, oy / 2, dw / 2, dh / 2);
        return out;
    }

    private static void plane(ByteBuffer src, int stride, int sw, int sh, byte[] out, int base, int outStride,
                              int ox, int oy, int dw, int dh) {
        int[] xs = new int[dw];
        for (int x = 0; x < dw; x++) xs[x] = (int) ((long) x * sw / dw);
        byte[] row = new byte[sw];
        int lastSy = -1;
        for (int y = 0; y < dh; y++) {
            int sy = (int) ((long) y * sh / dh);
            if (sy != lastSy) {
                src.get(sy * stride, row, 0, sw);
                lastSy = sy;
            }
            int o = base + (oy + y) * outStride + ox;
            for (int x = 0; x < dw; x++) out[o + x] = row[xs[x]];
        }
    }
}
