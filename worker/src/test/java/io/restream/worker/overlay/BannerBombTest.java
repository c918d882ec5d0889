package io.restream.worker.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Bounded decoding (issue 11 item 6): a small PNG that declares 16000×16000 pixels is refused
 * from its header, without allocating the 1 GB raster it asks for; a normal banner still decodes.
 */
class BannerBombTest {
    @Test
    void aPngDeclaringSixteenThousandPixelsASideIsRefusedWithoutDecoding() throws Exception {
        byte[] bomb = withDimensions(png(64, 16), 16_000, 16_000);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        for (int i = 0; i < 20; i++) {
            IOException e = assertThrows(IOException.class, () -> BannerFetcher.decodeBounded("topBanner", bomb));
            assertTrue(e.getMessage().contains("16000x16000"), e.getMessage());
        }
        long grewMb = (rt.totalMemory() - rt.freeMemory() - before) / (1024 * 1024);
        assertTrue(grewMb < 200, "the heap grew by " + grewMb + " MB; a decoded 16000x16000 image would need about 1 GB");
    }

    @Test
    void aBannerWithinTheBoundsDecodes() throws Exception {
        BufferedImage ok = BannerFetcher.decodeBounded("topBanner", png(1920, 200));
        assertEquals(1920, ok.getWidth());
        assertThrows(IOException.class, () -> BannerFetcher.decodeBounded("topBanner", withDimensions(png(64, 16), 3841, 10)));
        assertThrows(IOException.class, () -> BannerFetcher.decodeBounded("topBanner", "not an image".getBytes()));
    }

    private static byte[] png(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB), "png", out);
        return out.toByteArray();
    }

    /** The same PNG with its IHDR claiming other dimensions (and a valid CRC). */
    private static byte[] withDimensions(byte[] png, int w, int h) {
        byte[] b = png.clone();
        ByteBuffer.wrap(b, 16, 8).putInt(w).putInt(h);
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17); // "IHDR" + 13 data bytes
        ByteBuffer.wrap(b, 29, 4).putInt((int) crc.getValue());
        return b;
    }
}
