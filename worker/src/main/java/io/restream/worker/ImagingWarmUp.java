package io.restream.worker;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the JDK's image decoding and 2D drawing once at start, in the background. Their first use
 * costs a second or more of class loading and plugin scanning (several on a busy machine); without
 * this, the first banner a streamer PATCHes in would pay for it on air.
 */
final class ImagingWarmUp {
    private static final Logger log = LoggerFactory.getLogger(ImagingWarmUp.class);

    private ImagingWarmUp() {}

    static void startInBackground() {
        Thread t = new Thread(ImagingWarmUp::run, "imaging-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        try {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            g.fillRect(0, 0, 8, 8);
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        } catch (IOException | RuntimeException | LinkageError e) {
            log.debug("imaging warm-up: {}", e.getMessage());
        }
    }
}
