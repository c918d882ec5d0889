package io.restream.worker.jobs;

import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.StoredJob;
import io.restream.core.json.Json;
import io.restream.core.model.JobStats;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import io.restream.core.redis.RedisKeys;
import io.restream.platforms.port.JobContext;
import io.restream.platforms.port.StreamMetadata;
import io.restream.worker.WorkerConfig;
import io.restream.worker.destinations.Destination;
import io.restream.worker.destinations.DestinationSettings;
import io.restream.worker.encode.EncodePlanner;
import io.restream.worker.encode.Encoder;
import io.restream.worker.encode.EncoderCommand;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.overlay.OverlayController;
import io.restream.worker.overlay.OverlayRenderer;
import io.restream.worker.process.Progress;
import io.restream.worker.recording.Recorder;
import io.restream.worker.source.SourceException;
import io.restream.worker.source.SourceInfo;
import io.restream.worker.source.SourceProbe;
import io.restream.worker.source.SourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job through DESIGN.md §3, on a thread of its own:
 *
 * <pre>
 *   claimed ─(status stopping: nothing was opened)──────────────────────────────► stopped
 *      │ open the source (probe, at most sourceOpenTimeoutMs) ──fails──────────► failed source_unavailable
 *      │ start encoder (+ recorder)
 *      │ supersedes another job? wait until its pushes are closed or its lease expired
 *      │ open destinations ──none could be set up──────────────────────────────► failed all_destinations_failed
 *      ▼
 *   queued ──first destination live──► running
 *      │ stop / supersede (status stopping) ──close pushes, encoder, recording──► stopped
 *      │ source gone past the grace period ─────────────────────────────────────► ended
 *      │ worker shutting down: close pushes, release the lease (another worker takes over)
 *      └ lease lost (another worker has the job): kill everything, write nothing
 * </pre>
 *
 * Broadcast changes are written back as they happen (on one writer thread, so in order); stats
 * and bit rates every 2 s.
 */
final class JobSession {
    private static final Logger log = LoggerFactory.getLogger(JobSession.class);
    private static final long STATS_EVERY_MS = 2000;
    private static final long DESTINATIONS_DEADLINE_MS = 30_000;

    private final WorkerContext ctx;
    private final WorkerConfig cfg;
    private final StoredJob claimed;
    private final String jobId;
    private final Runnable onDone;
    private final Thread thread;
    private final CountDownLatch wake = new CountDownLatch(1);
    private final JobWrites writes;
    private final long startedNanos = System.nanoTime();
    private volatile boolean handOver;
    private volatile boolean leaseLost;
    private volatile String sourceEnded;
    private volatile Progress lastProgress;
    private DestinationSet destinations;
    private volatile Encoder encoder;
    private FanoutHub hub;
    private SourceSpec source;
    private SourceInfo sourceInfo;
    private List<String> trackNames;
    private Recorder recorder;
    private OverlayController overlay;

    JobSession(WorkerContext ctx, StoredJob claimed, Runnable onDone) {
        this.ctx = ctx;
        this.cfg = ctx.config();
        this.claimed = claimed;
        this.jobId = claimed.id();
        this.onDone = onDone;
        this.thread = new Thread(this::run, "job-" + jobId);
        this.writes = new JobWrites(ctx.jobs(), jobId);
    }

    String jobId() { return jobId; }

    void start() { thread.start(); }

    /** Worker shutdown: close every push, keep the job's status, give the lease back. Blocks. */
    void handOver() {
        handOver = true;
        writes.disable();
        wake.countDown();
        join();
    }

    /** Another worker holds the lease now: kill everything at once, write nothing. */
    void leaseLost() {
        leaseLost = true;
        writes.disable();
        if (destinations != null) destinations.killAll();
        if (encoder != null) encoder.kill();
        wake.countDown();
    }

    void join() {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pids of this job's FFmpeg children (for tests and diagnostics). */
    List<Long> pids() {
        List<Long> out = new ArrayList<>();
        if (encoder != null && encoder.pid() > 0) out.add(encoder.pid());
        if (destinations != null) destinations.destinations().stream().mapToLong(Destination::pid).filter(p -> p > 0).forEach(out::add);
        return out;
    }

    private void run() {
        try {
            runJob();
        } catch (RuntimeException | LinkageError e) {
            log.error("job {}: failed unexpectedly", jobId, e);
            closeAll(false);
            finish(JobStatus.FAILED, JobStore.errorField("worker_error", "the worker failed: " + e.getClass().getSimpleName()));
        } finally {
            if (overlay != null) overlay.close();
            writes.close();
            if (!leaseLost) ctx.jobs().releaseLease(jobId, ctx.workerId()).toCompletableFuture().join();
            onDone.run();
        }
    }

    private void runJob() {
        StoredJob job = ctx.jobs().get(jobId).toCompletableFuture().join().orElse(claimed);
        if (job.job().status() != JobStatus.QUEUED && job.job().status() != JobStatus.RUNNING) {
            log.info("job {}: claimed while {}; closing it", jobId, job.job().status().id());
            if (job.job().status() == JobStatus.STOPPING) finish(JobStatus.STOPPED, Map.of());
            return;
        }
        boolean takenOver = job.job().status() == JobStatus.RUNNING;
        log.info("job {}: {} on worker {}", jobId, takenOver ? "taken over" : "starting", ctx.workerId());
        SourceInfo info = null;
        trackNames = job.job().trackNames();
        try {
            source = ctx.sources().resolve(job.job().publisherSessionId());
            if (!source.demo()) info = SourceProbe.probe(source, Duration.ofMillis(cfg.sourceOpenTimeoutMs()), "job " + jobId);
        } catch (SourceException e) {
            log.warn("job {}: {}", jobId, e.getMessage());
            finish(JobStatus.FAILED, JobStore.errorField(e.code(), e.getMessage()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        sourceInfo = info;
        EncoderCommand command = EncodePlanner.plan(source, info, job.job().overlay(), trackNames, cfg);
        log.info("job {}: source {} → {} {}x{}", jobId, source.redacted(), command.mode(), command.width(), command.height());
        overlay = new OverlayController(jobId, new OverlayRenderer(command.width(), command.height()), ctx.banners());
        overlay.updateNow(job.job().overlay());
        hub = new FanoutHub();
        encoder = newEncoder(command);
        encoder.start();
        if (job.job().recording()) {
            recorder = new Recorder(jobId, ctx.core().dataDir().resolve("recordings").resolve(jobId), hub, ctx.timers());
            recorder.start();
        }
        if (job.supersedes() != null && !awaitHandOver(job.supersedes())) {
            stopNow();
            return;
        }
        if (handOver || leaseLost) {
            closeAll(false);
            return;
        }
        String status = readStatus();
        if (!isActive(status) || JobStatus.STOPPING.id().equals(status)) {
            stopNow(); // stopped while the source was being opened: no destination is ever touched
            return;
        }
        JobContext context = new JobContext(jobId, job.user(), IngestOverrides.open(job.ingestSealed(), ctx.box()),
                new StreamMetadata.Text(job.job().title(), job.job().description()),
                (destination, refused) -> ctx.jobs().reportMetadata(jobId, java.util.Collections.singletonMap(destination,
                        refused == null ? null : new io.restream.core.model.ErrorInfo(refused.code(), refused.getMessage()))));
        destinations = new DestinationSet(ctx, jobId, job.job().destinations());
        destinations.open(job.user(), context, job.job().broadcasts(), takenOver, hub, destinationSettings(), d -> writeBroadcasts());
        writeBroadcasts();
        if (!destinations.anyRunning()) {
            closeAll(false);
            finish(JobStatus.FAILED, JobStore.errorField("all_destinations_failed", "no destination could be set up"));
            return;
        }
        watch(takenOver, job.job().overlay());
    }

    /** The supersede hand-over: true when the old job's pushes are closed (or its lease expired). */
    private boolean awaitHandOver(String oldJobId) {
        while (!handOver && !leaseLost) {
            Map<String, String> f = ctx.redis().async().hgetall(RedisKeys.job(oldJobId)).toCompletableFuture().join();
            String status = f == null ? null : f.get("status");
            boolean oldDone = status == null || JobStatus.of(status).isTerminal();
            if (oldDone || !ctx.jobs().isLeased(oldJobId).toCompletableFuture().join()) {
                log.info("job {}: superseded job {} has closed its destinations ({})", jobId, oldJobId,
                        oldDone ? status : "lease expired");
                return true;
            }
            if (!isActive(readStatus())) return false;
            if (pause()) break;
        }
        return true;
    }

    private void watch(boolean running, Overlay initialOverlay) {
        Overlay applied = initialOverlay;
        long lastStats = 0;
        while (true) {
            if (leaseLost) {
                closeAll(false);
                return;
            }
            if (handOver) {
                closeAll(false);
                log.info("job {}: handed back (worker shutting down)", jobId);
                return;
            }
            Map<String, String> fields = readFields();
            String status = fields.get("status");
            if (!isActive(status) || JobStatus.STOPPING.id().equals(status)) {
                stopNow();
                return;
            }
            String overlayJson = fields.get("overlay");
            Overlay wanted = overlayJson == null ? null : Json.read(overlayJson, Overlay.class);
            if (!Objects.equals(wanted, applied)) {
                log.info("job {}: overlay changed", jobId);
                overlay.update(wanted);
                applied = wanted;
                if (encoder.command().mode() == EncoderCommand.Mode.COPY && wanted != null && wanted.drawsAnything()) {
                    switchToEncode(wanted);
                }
            }
            if (sourceEnded != null) {
                closeAll(true);
                log.info("job {}: {}", jobId, sourceEnded);
                finish(JobStatus.ENDED, Map.of());
                return;
            }
            if (!running && destinations.anyLive()) {
                writes.transition(List.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of());
                running = true;
            }
            long ageMs = (System.nanoTime() - startedNanos) / 1_000_000;
            if (!running && ageMs > DESTINATIONS_DEADLINE_MS) {
                closeAll(true);
                finish(JobStatus.FAILED, JobStore.errorField("all_destinations_failed", "no destination could be reached"));
                return;
            }
            if (ageMs - lastStats >= STATS_EVERY_MS) {
                lastStats = ageMs;
                writeStats();
                writeBroadcasts(); // bit rates move without state changes

            }
            pause();
        }
    }

    private Encoder newEncoder(EncoderCommand command) {
        return new Encoder("job " + jobId, command, hub, overlay::frame, ctx.timers(),
                Duration.ofMillis(cfg.sourceStallMs()), Duration.ofMillis(cfg.sourceGraceMs()), new EncoderEvents());
    }

    /**
     * A copied job got something to draw: from now on it is encoded. The encoder is replaced (the
     * source is pulled again, a second or two without media); the hub continues timestamps, so
     * no destination reconnects. The new video parameters travel in-band with every key frame and
     * the source's AAC is passed through, so decoders downstream follow. Overlay changes after this
     * need no restart.
     */
    private void switchToEncode(Overlay wanted) {
        EncoderCommand command = EncodePlanner.plan(source, sourceInfo, wanted, trackNames, cfg);
        if (!command.silence() && sourceInfo != null && "aac".equals(sourceInfo.audioCodec())) command = command.withCopiedAudio();
        log.info("job {}: overlay on a copied stream; switching to {} {}x{}", jobId, command.mode(), command.width(), command.height());
        encoder.stop();
        encoder = newEncoder(command);
        encoder.start();
    }

    /** Stop or supersede: close everything, then the job is stopped. */
    private void stopNow() {
        closeAll(true);
        finish(JobStatus.STOPPED, Map.of());
        log.info("job {}: stopped", jobId);
    }

    /** Closes pushes, encoder and recording, all at once; blocks until they are gone. */
    private void closeAll(boolean endBroadcasts) {
        Thread enc = new Thread(() -> { if (encoder != null) encoder.stop(); }, "stop-encoder-" + jobId);
        enc.start();
        if (destinations != null) destinations.stopAll(endBroadcasts && !handOver && !leaseLost);
        try {
            enc.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (recorder != null) recorder.stop();
        writeBroadcasts();
    }

    private void finish(JobStatus to, Map<String, String> fields) {
        writes.finish(to, fields);
    }

    private void writeBroadcasts() {
        if (destinations != null) writes.broadcasts(destinations::snapshot);
    }

    private void writeStats() {
        Progress p = lastProgress;
        if (p == null) return;
        writes.stats(new JobStats(p.fps().orElse(0), (int) Math.round(p.bitrateKbps().orElse(0)),
                p.droppedFrames().orElse(0), p.speed().orElse(0), (System.nanoTime() - startedNanos) / 1_000_000));
    }

    private Map<String, String> readFields() {
        List<io.lettuce.core.KeyValue<String, String>> values = ctx.redis().async()
                .hmget(RedisKeys.job(jobId), "status", "overlay").toCompletableFuture().join();
        Map<String, String> out = new java.util.HashMap<>();
        for (var kv : values) if (kv.hasValue()) out.put(kv.getKey(), kv.getValue());
        return out;
    }

    private String readStatus() { return readFields().get("status"); }

    private static boolean isActive(String status) {
        return status != null && JobStatus.of(status).isActive();
    }

    /** Waits one poll period; true when woken early (hand-over, lost lease). */
    private boolean pause() {
        try {
            return wake.await(cfg.pollMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private DestinationSettings destinationSettings() {
        return new DestinationSettings(Duration.ofMillis(cfg.reconnectMinMs()), Duration.ofMillis(cfg.reconnectMaxMs()),
                Duration.ofMillis(cfg.pushStallMs()), cfg.destinationQueueBytes(), Duration.ofSeconds(5));
    }

    /** What the encoder tells the session. */
    private final class EncoderEvents implements Encoder.Listener {
        @Override public void onLive() { log.info("job {}: source live", jobId); }

        @Override public void onDropped(String reason) { log.warn("job {}: source dropped, retrying", jobId); }

        @Override public void onEnded(String reason) { sourceEnded = "the source ended or stayed gone past the grace period"; }

        @Override public void onProgress(Progress progress) { lastProgress = progress; }
    }
}
