package io.restream.worker.overlay.html;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Screenshot PNGs to the overlay's RGBA layout (straight alpha, width × height × 4 bytes). */
final class Frames {
    private Frames() {}

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
