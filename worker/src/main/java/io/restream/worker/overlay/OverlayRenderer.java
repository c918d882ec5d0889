package io.restream.worker.overlay;

import io.restream.core.model.Overlay;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Composes the banners into one RGBA frame (straight alpha, as FFmpeg's {@code rgba} expects):
 * {@code topBanner} along the top edge and {@code bottomBanner} along the bottom, each scaled to
 * the frame's width and at most a third of its height; {@code hideTop}/{@code hideBottom} and
 * {@code enabled=false} leave them out. Everything else stays transparent.
 */
public final class OverlayRenderer {
    private final int width;
    private final int height;

    public OverlayRenderer(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public int width() { return width; }

    public int height() { return height; }

    /** A fully transparent frame. */
    public byte[] transparent() { return new byte[width * height * 4]; }

    /**
     * @param top the fetched {@code topBanner}, or null
     * @param bottom the fetched {@code bottomBanner}, or null
     */
    public byte[] render(Overlay overlay, BufferedImage top, BufferedImage bottom) {
        if (overlay == null || Boolean.FALSE.equals(overlay.enabled())) return transparent();
        boolean drawTop = top != null && !Boolean.TRUE.equals(overlay.hideTop());
        boolean drawBottom = bottom != null && !Boolean.TRUE.equals(overlay.hideBottom());
        if (!drawTop && !drawBottom) return transparent();
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            if (drawTop) draw(g, top, true);
            if (drawBottom) draw(g, bottom, false);
        } finally {
            g.dispose();
        }
        return toRgba(((DataBufferByte) canvas.getRaster().getDataBuffer()).getData());
    }

    private void draw(Graphics2D g, BufferedImage banner, boolean atTop) {
        int w = width;
        int h = Math.max(1, (int) Math.round((double) banner.getHeight() * width / banner.getWidth()));
        int maxH = height / 3;
        if (h > maxH) {
            w = Math.max(1, (int) Math.round((double) banner.getWidth() * maxH / banner.getHeight()));
            h = maxH;
        }
        int x = (width - w) / 2;
        int y = atTop ? 0 : height - h;
        g.drawImage(banner, x, y, w, h, null);
    }

    /**
     * {@code over} drawn on {@code under} (both RGBA, straight alpha, this renderer's size): the
     * banners over the HTML page. Returns a new array.
     */
    public byte[] compose(byte[] under, byte[] over) {
        byte[] out = under.clone();
        for (int i = 0; i < out.length; i += 4) {
            int a = over[i + 3] & 0xff;
            if (a == 0) continue;
            if (a == 255) {
                System.arraycopy(over, i, out, i, 4);
                continue;
            }
            int b = out[i + 3] & 0xff;
            int outA = a + b * (255 - a) / 255; // src-over, straight alpha
            for (int c = 0; c < 3; c++) {
                int blended = ((over[i + c] & 0xff) * a * 255 + (out[i + c] & 0xff) * b * (255 - a)) / (255 * outA);
                out[i + c] = (byte) Math.min(255, blended);
            }
            out[i + 3] = (byte) outA;
        }
        return out;
    }

    /** ABGR bytes (Java's layout) to RGBA. */
    private static byte[] toRgba(byte[] abgr) {
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
