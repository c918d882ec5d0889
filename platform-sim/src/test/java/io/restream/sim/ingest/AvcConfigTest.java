package io.restream.sim.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.restream.core.media.FfmpegBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Picture sizes read from real x264 sequence headers, including 1080p's frame cropping (1088 → 1080). */
class AvcConfigTest {
    @ParameterizedTest
    @CsvSource({"1920, 1080, high", "1280, 720, main", "320, 240, baseline", "854, 480, high"})
    void sizeFromTheSequenceHeader(int width, int height, String profile) throws Exception {
        byte[] header = firstVideoTag(width, height, profile);
        assertEquals(0x17, header[0] & 0xff, "a key frame of AVC");
        assertEquals(0, header[1], "the AVC sequence header");
        AvcConfig.Size size = AvcConfig.size(header, 5);
        assertNotNull(size);
        assertEquals(width, size.width());
        assertEquals(height, size.height());
    }

    @Test
    void garbageIsNoSize() {
        assertNull(AvcConfig.size(new byte[] {0x17, 0, 0, 0, 0, 1, 2, 3}, 5));
        assertNull(AvcConfig.size(new byte[] {0x17, 0, 0, 0, 0, 1, 100, 0, 0, (byte) 0xff, (byte) 0xe1, 0, 40, 0x67}, 5));
    }

    /** The first video tag's body of a one-frame FLV made by the bundled FFmpeg. */
    private static byte[] firstVideoTag(int w, int h, String profile) throws Exception {
        Path flv = Files.createTempFile("avc", ".flv");
        try {
            Process p = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=" + w + "x" + h + ":rate=1", "-frames:v", "1",
                    "-c:v", "libx264", "-profile:v", profile, "-pix_fmt", "yuv420p", "-f", "flv", flv.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("ffmpeg failed");
            byte[] b = Files.readAllBytes(flv);
            int pos = 13;
            while (pos + 11 <= b.length) {
                int type = b[pos] & 0x1f;
                int size = ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
                if (type == 9) return Arrays.copyOfRange(b, pos + 11, pos + 11 + size);
                pos += 11 + size + 4;
            }
            throw new AssertionError("no video tag");
        } finally {
            Files.deleteIfExists(flv);
        }
    }
}
