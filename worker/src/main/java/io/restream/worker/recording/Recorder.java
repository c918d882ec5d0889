package io.restream.worker.recording;

import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.fanout.Feed;
import io.restream.worker.process.FfmpegProcess;
import io.restream.worker.process.ProcessSpec;
import io.restream.worker.process.LogRedactor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a job: one more consumer of the hub, writing HLS with a copy-only FFmpeg, and keeping
 * {@code recording.json} up to date (every 2 s, and at the end).
 *
 * <pre>
 *   start() ──► recording ──stop(): stdin closed, FFmpeg writes #EXT-X-ENDLIST──► complete
 *                  └──FFmpeg died, or no end-list after stop──────────────────────► failed
 * </pre>
 */
public final class Recorder {
    private static final Logger log = LoggerFactory.getLogger(Recorder.class);
    private static final long QUEUE_BYTES = 64L * 1024 * 1024;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int SEGMENT_SECONDS = 4;

    private final String jobId;
    private final Path dir;
    private final FanoutHub hub;
    private final ScheduledExecutorService timers;
    private final RecordingStatus status;
    private FfmpegProcess process;
    private Feed feed;
    private Thread pump;
    private ScheduledFuture<?> statusTask;
    private volatile String state = "recording";

    /** @param dir {@code <data dir>/recordings/<jobId>} */
    public Recorder(String jobId, Path dir, FanoutHub hub, ScheduledExecutorService timers) {
        this.jobId = jobId;
        this.dir = dir;
        this.hub = hub;
        this.timers = timers;
        this.status = new RecordingStatus(dir);
    }

    public synchronized void start() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        boolean resume = Files.exists(dir.resolve(RecorderCommand.PLAYLIST));
        process = new FfmpegProcess(ProcessSpec.builder("job " + jobId + " recorder",
                new RecorderCommand(dir, SEGMENT_SECONDS, resume).args()).build(), timers);
        feed = hub.subscribe("recording", QUEUE_BYTES);
        process.start();
        writeStatus();
        pump = new Thread(this::pump, "record-" + jobId);
        pump.setDaemon(true);
        pump.start();
        statusTask = timers.scheduleAtFixedRate(this::writeStatus, 2, 2, TimeUnit.SECONDS);
        log.info("job {}: recording to {}", jobId, dir);
    }

    /** Ends the recording: the playlist is finished and {@code recording.json} says how it went. */
    public synchronized void stop() {
        if (process == null) return;
        statusTask.cancel(false);
        feed.close();
        try {
            pump.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FfmpegProcess.Exit exit = process.stop(STOP_GRACE, true);
        hub.unsubscribe(feed);
        try {
            state = exit.state() == FfmpegProcess.State.FINISHED && status.playlistComplete() ? "complete" : "failed";
            status.write(state);
        } catch (IOException e) {
            log.warn("job {}: cannot write the recording status: {}", jobId, e.getMessage());
        }
        log.info("job {}: recording {}", jobId, state);
        process = null;
    }

    private void pump() {
        try (OutputStream in = process.stdin()) {
            while (true) {
                byte[] bytes = feed.take(200, TimeUnit.MILLISECONDS);
                if (bytes != null) {
                    in.write(bytes);
                } else if (feed.isClosed()) {
                    return;
                }
                if (process.state() != FfmpegProcess.State.RUNNING) {
                    state = "failed";
                    log.warn("job {}: recorder died: {}", jobId, process.lastLines());
                    return;
                }
            }
        } catch (IOException e) {
            state = "failed";
            log.warn("job {}: recorder input closed: {}", jobId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeStatus() {
        try {
            status.write(state);
        } catch (IOException | RuntimeException e) {
            log.debug("job {}: recording status not written: {}", jobId, e.getMessage());
        }
    }
}
