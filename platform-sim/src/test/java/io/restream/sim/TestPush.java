package io.restream.sim;

import io.restream.core.media.FfmpegBinaries;
import java.io.IOException;
import java.util.List;

/** A test publisher: the bundled FFmpeg encoding a test pattern and a tone (H.264 + AAC) to a URL. */
final class TestPush implements AutoCloseable {
    private final Process process;

    private TestPush(Process process) {
        this.process = process;
    }

    /** Pushes {@code seconds} of 320x240 at 25 fps with a key frame every second. */
    static TestPush start(String url, int seconds) throws IOException {
        Process p = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                        "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p",
                        "-c:a", "aac", "-b:a", "64k", "-f", "flv", url))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        return new TestPush(p);
    }

    boolean alive() {
        return process.isAlive();
    }

    int exitCode() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
