package io.restream.worker.overlay.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The direct PNG path gives the same RGBA bytes as ImageIO, whatever filters the encoder chose. */
class FramesTest {
    private static final int W = 97;
    private static final int H = 41;

    @Test
    void theDirectPathMatchesImageIoForEveryFilter() throws IOException {
        // Noise, gradients, flat areas and translucency: ImageIO's writer picks different filters per row.
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        Random r = new Random(7);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int a = y % 3 == 0 ? 0 : y % 3 == 1 ? 255 : (x * 5) & 0xff;
                int rgb = y < H / 3 ? r.nextInt() : y < 2 * H / 3 ? (x * 2) << 16 | (y * 6) << 8 | (x + y) : 0x336699;
                img.setRGB(x, y, a << 24 | (rgb & 0xffffff));
            }
        }
        byte[] png = png(img);
        Frames frames = new Frames(W, H);
        byte[] expected = Frames.decodePng(png, W, H);
        assertArrayEquals(expected, frames.decode(png));
        assertArrayEquals(expected, frames.decode(png), "buffers kept from the last frame do not leak into the next");
        frames.close();
    }

    @Test
    void otherSizesAndLayoutsStillDecodeThroughImageIo() throws IOException {
        BufferedImage rgb = new BufferedImage(W * 2, H * 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xff0000);
        byte[] f = new Frames(W, H).decode(png(rgb));
        assertArrayEquals(Frames.decodePng(png(rgb), W, H), f);
    }

    @Test
    void aTruncatedPictureIsAnError() throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(3, 3, 0x80ff0000);
        byte[] png = png(img);
        byte[] cut = java.util.Arrays.copyOf(png, png.length - 20);
        assertThrows(IOException.class, () -> new Frames(W, H).decode(cut));
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
