package io.restream.worker.testing;

import com.sun.net.httpserver.HttpServer;
import io.restream.core.media.FfmpegBinaries;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A live HLS origin on loopback: one FFmpeg writes a generated H.264/AAC stream as a live playlist
 * (1 s segments) into a folder that an HTTP server serves, whatever the path's folders (so the
 * template's {@code {id}} may be anything). {@link #mute()} is the origin losing its stream while
 * staying up: the encoder stops and every request, open or new, waits for an answer that never
 * comes, so every pull waits for its I/O timeout.
 */
public final class HlsSource implements AutoCloseable {
    private final Path dir;
    private final HttpServer server;
    private final Process ffmpeg;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean muted;

    public HlsSource(Path dir, String size) throws IOException {
        this.dir = Files.createDirectories(dir);
        ffmpeg = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30", "-f", "lavfi", "-i", "sine=frequency=550:sample_rate=44100",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-keyint_min", "30", "-sc_threshold", "0",
                "-b:v", "500k", "-c:a", "aac", "-b:a", "64k",
                "-f", "hls", "-hls_time", "1", "-hls_list_size", "6", "-hls_flags", "delete_segments",
                dir.resolve("index.m3u8").toString())).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // The default executor: one thread answers every request, so a muted request holds up the rest too.
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", ex -> {
            try (ex) {
                if (muted) {
                    released.await();
                    return;
                }
                String name = Path.of(ex.getRequestURI().getPath()).getFileName().toString();
                Path file = dir.resolve(name);
                if (!file.normalize().startsWith(dir) || !Files.isRegularFile(file)) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                ex.getResponseHeaders().set("Content-Type", name.endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException | InterruptedException e) {
                // the player went away, or the origin closed
            }
        });
        server.start();
    }

    /** A source URL template for the worker. */
    public String template() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/live/{id}/index.m3u8"; }

    /** Whether the playlist exists yet (FFmpeg wrote its first segment). */
    public boolean ready() { return Files.exists(dir.resolve("index.m3u8")); }

    /** The stream stops and the origin answers nothing from now on. */
    public void mute() {
        muted = true;
        ffmpeg.destroyForcibly();
    }

    @Override
    public void close() {
        released.countDown();
        ffmpeg.destroyForcibly();
        server.stop(0);
    }
}
