package io.restream.sim.ingest;

import io.restream.core.media.FfmpegBinaries;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The latest frame of a stream as PNG: the cached sequence header and last GOP are piped into the
 * bundled FFmpeg, which decodes them and keeps overwriting one image, so the file ends as the
 * newest decodable frame. Blocking: call it off the event loop.
 */
public final class Snapshots {
    private Snapshots() {}

    /** PNG bytes, or null when the stream has no key frame yet or decoding failed. */
    public static byte[] png(IngestStream stream) throws IOException, InterruptedException {
        byte[] flv = stream.lastGopFlv();
        if (flv == null) return null;
        Path dir = Files.createTempDirectory("sim-snap");
        Path png = dir.resolve("frame.png");
        try {
            Process p = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error", "-nostdin",
                            "-f", "flv", "-i", "pipe:0", "-an", "-f", "image2", "-update", "1", "-c:v", "png", "-y", png.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(flv);
            } catch (IOException e) {
                // FFmpeg may stop reading early; what it decoded is still written
            }
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return Files.exists(png) && Files.size(png) > 0 ? Files.readAllBytes(png) : null;
        } finally {
            Files.deleteIfExists(png);
            Files.deleteIfExists(dir);
        }
    }
}
