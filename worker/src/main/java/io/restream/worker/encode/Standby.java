package io.restream.worker.encode;

import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.fanout.FlvReader;
import io.restream.worker.fanout.FlvTag;
import io.restream.worker.process.FfmpegProcess;
import io.restream.worker.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standby picture on air while the source is gone: one FFmpeg decodes the hub's current GOP,
 * keeps its last frame and encodes it (dimmed, with a card) and silence with the job's settings
 * into the hub as a new segment, so every destination keeps its connection and
 * receives a continuous stream. The job's banners stay live over it: the standby has an overlay
 * input fed like the encoder's ({@link OverlayRun}), so a PATCH while the source is gone goes on
 * air as it would with the source, for a copied job as well (whose switch to encoding waits for
 * the source's return). {@link #stop()} returns once nothing more of it
 * reaches the hub.
 */
final class Standby {
    private static final Logger log = LoggerFactory.getLogger(Standby.class);

    private final String name;
    private final FanoutHub hub;
    private final ScheduledExecutorService timers;
    private volatile boolean stopped;
    private volatile FfmpegProcess process;
    private OverlayRun overlay;
    private volatile int outputTimestampMs = -1;
    private Thread reader;

    Standby(String name, FanoutHub hub, ScheduledExecutorService timers) {
        this.name = name;
        this.hub = hub;
        this.timers = timers;
    }

    /**
     * Puts the standby on air (FFmpeg decodes the GOP's last frame first: a fraction of a second).
     *
     * @param overlayFrames the job's current overlay frame (RGBA, the job's output size)
     */
    void start(EncoderCommand job, int audioRate, Path workDir, Supplier<byte[]> overlayFrames) {
        byte[] gop = hub.currentGopVideo();
        Path file = gop == null ? null : write(gop, workDir);
        int frames = file == null ? 0 : videoFrames(gop);
        StandbyCommand command = StandbyCommand.of(job, frames > 0 ? file : null, Math.max(0, frames - 1), audioRate);
        OverlayRun banners = openOverlay(overlayFrames);
        List<String> args = banners == null ? command.args() : command.args(banners.url(), banners.startsOn(), job.overlayFps());
        FfmpegProcess p = new FfmpegProcess(ProcessSpec.builder(name + "/standby", args).build(), timers);
        synchronized (this) {
            if (stopped) {
                if (banners != null) banners.close();
                return;
            }
            process = p;
            overlay = banners;
            p.start();
        }
        if (banners != null) banners.feed(name + "-standby", p.stdin(), () -> outputTimestampMs, job.width(), job.height(), job.overlayFps());
        reader = new Thread(() -> pump(p), "standby-" + name);
        reader.setDaemon(true);
        reader.start();
        log.info("{}: standby picture on air ({})", name, frames > 0 ? "last frame" : "no frame to show");
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
        OverlayRun banners;
        synchronized (this) {
            banners = overlay;
        }
        if (banners != null) banners.close();
        if (p != null) p.closeStdin();
    }

    private OverlayRun openOverlay(Supplier<byte[]> frames) {
        try {
            return OverlayRun.open(frames);
        } catch (IOException e) {
            log.warn("{}: the standby goes on air without the banners: {}", name, e.getMessage());
            return null;
        }
    }

    private void pump(FfmpegProcess p) {
        hub.beginSegment();
        try {
            FlvReader in = new FlvReader(p.stdout());
            for (FlvTag tag; (tag = in.next()) != null && !stopped; ) {
                if (!tag.isScript()) outputTimestampMs = Math.max(outputTimestampMs, tag.timestamp());
                hub.publish(tag);
            }
        } catch (IOException e) {
            log.debug("{}: standby output ended: {}", name, e.getMessage());
        }
    }

    private Path write(byte[] gopFlv, Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("standby-gop.flv");
            Files.write(file, gopFlv);
            return file;
        } catch (IOException e) {
            log.warn("{}: no last frame for the standby picture: {}", name, e.getMessage());
            return null;
        }
    }

    /** How many video frames (not headers) an FLV holds. */
    static int videoFrames(byte[] flv) {
        int n = 0;
        try {
            FlvReader in = new FlvReader(new java.io.ByteArrayInputStream(flv));
            for (FlvTag t; (t = in.next()) != null; ) if (t.isVideo() && !t.isSequenceHeader()) n++;
        } catch (IOException e) {
            return n;
        }
        return n;
    }
}
