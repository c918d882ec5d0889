package io.restream.worker.overlay.html;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;

/**
 * Screenshot PNGs to the overlay's RGBA layout (straight alpha, width × height × 4 bytes), one
 * instance per page (its thread only).
 *
 * <p>Chromium's screenshots are 8-bit RGBA, not interlaced: exactly the overlay's byte order, so
 * they are inflated and unfiltered straight into the frame ({@link #decode}); the inflater and the
 * row buffers are kept from frame to frame. ImageIO took 40–100 ms per 720p frame (plus a copy to
 * swap ABGR to RGBA) on the 2-core machine, this path ≈ 5–15 ms. Anything else (another colour type,
 * bit depth, interlacing or size) goes through ImageIO as before.
 */
final class Frames {
    private static final long PNG_SIGNATURE = 0x89504E470D0A1A0AL;
    private final int width;
    private final int height;
    private final Inflater inflater = new Inflater();
    private byte[] idat = new byte[0];
    private byte[] previous;
    private byte[] row;

    Frames(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** A new RGBA frame of {@code png} (the caller hands it on: it is never reused here). */
    byte[] decode(byte[] png) throws IOException {
        byte[] fast = fastDecode(png);
        return fast != null ? fast : decodePng(png, width, height);
    }

    /** Null when {@code png} is not an 8-bit RGBA, non-interlaced picture of this size. */
    private byte[] fastDecode(byte[] png) throws IOException {
        if (png.length < 33 || readLong(png, 0) != PNG_SIGNATURE || readInt(png, 12) != 0x49484452) return null; // IHDR first
        if (readInt(png, 16) != width || readInt(png, 20) != height) return null;
        if (png[24] != 8 || png[25] != 6 || png[26] != 0 || png[27] != 0 || png[28] != 0) return null; // depth, RGBA, deflate, filter, no interlace
        int idatLength = 0;
        int at = 8;
        while (at + 8 <= png.length) {
            int length = readInt(png, at);
            int type = readInt(png, at + 4);
            if (length < 0 || at + 12L + length > png.length) throw new IOException("truncated PNG");
            if (type == 0x49444154) { // IDAT
                if (idat.length < idatLength + length) idat = java.util.Arrays.copyOf(idat, Math.max(idat.length * 2, idatLength + length));
                System.arraycopy(png, at + 8, idat, idatLength, length);
                idatLength += length;
            } else if (type == 0x49454E44) { // IEND
                break;
            }
            at += 12 + length;
        }
        int stride = width * 4;
        if (row == null) {
            row = new byte[stride + 1];
            previous = new byte[stride];
        }
        java.util.Arrays.fill(previous, (byte) 0);
        byte[] out = new byte[stride * height];
        inflater.reset();
        inflater.setInput(idat, 0, idatLength);
        try {
            for (int y = 0; y < height; y++) {
                int got = 0;
                while (got < row.length) {
                    int n = inflater.inflate(row, got, row.length - got);
                    if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                        throw new IOException("PNG data ends early");
                    }
                    got += n;
                }
                unfilter(row[0], row, out, y * stride, stride);
                System.arraycopy(out, y * stride, previous, 0, stride);
            }
        } catch (DataFormatException e) {
            throw new IOException("bad PNG data: " + e.getMessage(), e);
        }
        return out;
    }

    /** PNG filters (RFC 2083 §6), 4 bytes a pixel: row[1..] filtered, out[o..] the previous row in {@link #previous}. */
    private void unfilter(byte filter, byte[] row, byte[] out, int o, int stride) throws IOException {
        byte[] up = previous;
        switch (filter) {
            case 0 -> System.arraycopy(row, 1, out, o, stride);
            case 1 -> {
                for (int i = 0; i < stride; i++) out[o + i] = (byte) (row[i + 1] + (i < 4 ? 0 : out[o + i - 4]));
            }
            case 2 -> {
                for (int i = 0; i < stride; i++) out[o + i] = (byte) (row[i + 1] + up[i]);
            }
            case 3 -> {
                for (int i = 0; i < stride; i++) {
                    int left = i < 4 ? 0 : out[o + i - 4] & 0xff;
                    out[o + i] = (byte) (row[i + 1] + ((left + (up[i] & 0xff)) >>> 1));
                }
            }
            case 4 -> {
                for (int i = 0; i < stride; i++) {
                    int a = i < 4 ? 0 : out[o + i - 4] & 0xff;
                    int b = up[i] & 0xff;
                    int c = i < 4 ? 0 : up[i - 4] & 0xff;
                    int p = a + b - c;
                    int pa = Math.abs(p - a);
                    int pb = Math.abs(p - b);
                    int pc = Math.abs(p - c);
                    int pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                    out[o + i] = (byte) (row[i + 1] + pred);
                }
            }
            default -> throw new IOException("unknown PNG filter " + filter);
        }
    }

    /** Frees the inflater (the page is closed). */
    void close() { inflater.end(); }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static long readLong(byte[] b, int at) {
        return (readInt(b, at) & 0xffffffffL) << 32 | (readInt(b, at + 4) & 0xffffffffL);
    }

    /** Any PNG, through ImageIO, scaled to the size if it differs. */
    static byte[] decodePng(byte[] png, int width, int height) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        if (img == null) throw new IOException("screenshot is not a PNG");
        if (img.getType() != BufferedImage.TYPE_4BYTE_ABGR || img.getWidth() != width || img.getHeight() != height) {
            BufferedImage fixed = new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
            Graphics2D g = fixed.createGraphics();
            try {
                g.drawImage(img, 0, 0, width, height, null);
            } finally {
                g.dispose();
            }
            img = fixed;
        }
        byte[] abgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[abgr.length];
        for (int i = 0; i < abgr.length; i += 4) {
            out[i] = abgr[i + 3];
            out[i + 1] = abgr[i + 2];
            out[i + 2] = abgr[i + 1];
            out[i + 3] = abgr[i];
        }
        return out;
    }
}
