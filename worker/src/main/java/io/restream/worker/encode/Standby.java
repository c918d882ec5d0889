package io.restream.worker.encode;

import io.restream.core.media.FfmpegBinaries;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.fanout.FlvReader;
import io.restream.worker.fanout.FlvTag;
import io.restream.worker.process.FfmpegProcess;
import io.restream.worker.process.ProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standby picture on air while the source is gone: the last frame of the hub's current GOP is
 * decoded to an image, and a small FFmpeg encodes it (dimmed, with a card) and silence with the
 * job's settings into the hub as a new segment, so every destination keeps its connection and
 * receives a continuous stream. {@link #stop()} returns once nothing more of it reaches the hub.
 */
final class Standby {
    private static final Logger log = LoggerFactory.getLogger(Standby.class);
    private static final long EXTRACT_TIMEOUT_MS = 3000;

    private final String name;
    private final FanoutHub hub;
    private final ScheduledExecutorService timers;
    private volatile boolean stopped;
    private volatile FfmpegProcess process;
    private Thread reader;

    Standby(String name, FanoutHub hub, ScheduledExecutorService timers) {
        this.name = name;
        this.hub = hub;
        this.timers = timers;
    }

    /** Puts the standby on air (decodes the last frame first, at most a few seconds). */
    void start(EncoderCommand job, int audioRate, Path workDir) {
        Path picture = lastFrame(hub.currentGopVideo(), workDir);
        StandbyCommand command = StandbyCommand.of(job, picture, audioRate);
        FfmpegProcess p = new FfmpegProcess(ProcessSpec.builder(name + "/standby", command.args()).build(), timers);
        synchronized (this) {
            if (stopped) return;
            process = p;
            p.start();
        }
        reader = new Thread(() -> pump(p), "standby-" + name);
        reader.setDaemon(true);
        reader.start();
        log.info("{}: standby picture on air ({})", name, picture != null ? "last frame" : "no frame to show");
    }

    /** Takes the standby off air; after this returns it publishes nothing more. */
    void stop() {
        FfmpegProcess p;
        synchronized (this) {
            stopped = true;
            p = process;
        }
        if (p != null) p.kill();
        if (reader != null) {
            try {
                reader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pump(FfmpegProcess p) {
        hub.beginSegment();
        try {
            FlvReader in = new FlvReader(p.stdout());
            for (FlvTag tag; (tag = in.next()) != null && !stopped; ) hub.publish(tag);
        } catch (IOException e) {
            log.debug("{}: standby output ended: {}", name, e.getMessage());
        }
    }

    /** The last frame of {@code gopFlv} as a PNG in {@code dir}, or null when there is none. */
    Path lastFrame(byte[] gopFlv, Path dir) {
        if (gopFlv == null) return null;
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve("standby-last-frame.png");
            Files.deleteIfExists(png);
            Process p = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error", "-f", "flv", "-i", "pipe:0",
                    "-an", "-update", "1", "-y", png.toString())).redirectErrorStream(true).start();
            java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            try (OutputStream in = p.getOutputStream()) {
                in.write(gopFlv);
            } catch (IOException e) {
                log.debug("{}: last frame: {}", name, e.getMessage());
            }
            if (!p.waitFor(EXTRACT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) p.destroyForcibly();
            if (Files.exists(png) && Files.size(png) > 0) return png;
            log.warn("{}: no last frame for the standby picture: {}", name, out.getNow("").strip());
            return null;
        } catch (IOException e) {
            log.warn("{}: no last frame for the standby picture: {}", name, e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
