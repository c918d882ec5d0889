package io.restream.worker.jobs;

import io.restream.core.jobs.StoredJob;
import io.restream.core.model.Broadcast;
import io.restream.core.model.JobStats;
import io.restream.core.model.Overlay;
import io.restream.core.model.SourceStatus;
import io.restream.platforms.port.JobContext;
import io.restream.worker.ScratchFiles;
import io.restream.worker.WorkerConfig;
import io.restream.worker.destinations.Destination;
import io.restream.worker.destinations.DestinationSettings;
import io.restream.worker.encode.EncodePlanner;
import io.restream.worker.encode.Encoder;
import io.restream.worker.encode.EncoderCommand;
import io.restream.worker.encode.EncoderSpec;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.overlay.OverlayController;
import io.restream.worker.overlay.OverlayRenderer;
import io.restream.worker.process.Progress;
import io.restream.worker.recording.Recorder;
import io.restream.worker.source.SourceException;
import io.restream.worker.source.SourceInfo;
import io.restream.worker.source.SourceProbe;
import io.restream.worker.source.SourceSpec;
import io.restream.worker.source.webrtc.WebRtcSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's media: overlay, encoder, fan-out hub, recorder and destinations, wired as in
 * {@code worker/README.md}. {@link JobSession} decides when each part starts and stops; this
 * class only builds, changes and closes them. Destination edits while live run on a thread of
 * their own, one at a time, so that the session's polling never waits for a platform.
 */
final class JobPipeline implements AutoCloseable {
    private static final long STATS_EVERY_MS = 2000;
    private static final Logger log = LoggerFactory.getLogger(JobPipeline.class);

    private final WorkerContext ctx;
    private final WorkerConfig cfg;
    private final String jobId;
    private final JobWrites writes;
    private final ExecutorService edits;
    private final long startedNanos = System.nanoTime();
    private long statsDueMs = STATS_EVERY_MS; // the session's thread only
    /** Wakes the session at once: the media has news it acts on (the source ended). */
    private final Runnable wakeSession;
    private volatile Encoder encoder;
    private volatile DestinationSet destinations;
    private volatile Progress lastProgress;
    private volatile String sourceEnded;
    private volatile List<String> wantedDestinations;
    private FanoutHub hub;
    private OverlayController overlay;
    private Overlay appliedOverlay;
    private boolean encodeWaitsForSource;
    private Recorder recorder;
    private SourceSpec source;
    private SourceInfo sourceInfo;
    private List<String> trackNames;
    private volatile WebRtcSource webrtc;

    JobPipeline(WorkerContext ctx, String jobId, JobWrites writes, Runnable wakeSession) {
        this.ctx = ctx;
        this.wakeSession = wakeSession;
        this.cfg = ctx.config();
        this.jobId = jobId;
        this.writes = writes;
        this.edits = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "destinations-" + jobId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the source: a URL is probed; a WebRTC source is negotiated up to its first frame and
     * held until the media closes. Returns the spec to encode from.
     */
    SourceSpec openSource(SourceSpec resolved, List<String> tracks) throws SourceException, InterruptedException {
        Duration timeout = Duration.ofMillis(cfg.sourceOpenTimeoutMs());
        if (resolved.webrtc() != null) {
            WebRtcSource w = WebRtcSource.open(resolved, tracks, cfg.fps(), cfg.maxHeight(), cfg.sourceStallMs(), timeout, "job " + jobId);
            webrtc = w;
            sourceInfo = w.info();
            return w.spec();
        }
        if (!resolved.demo()) sourceInfo = SourceProbe.probe(resolved, timeout, "job " + jobId);
        return resolved;
    }

    /** What {@link #openSource} found (null for a demo source). */
    SourceInfo sourceInfo() { return sourceInfo; }

    /** Starts overlay, encoder and (when asked) the recorder; the source is already open. */
    void startEncoding(StoredJob job, SourceSpec source, SourceInfo info) {
        this.source = source;
        this.sourceInfo = info;
        this.trackNames = job.job().trackNames();
        EncoderCommand command = EncodePlanner.plan(source, info, job.job().overlay(), trackNames, cfg);
        log.info("job {}: source {} → {} {}x{}", jobId, source.redacted(), command.mode(), command.width(), command.height());
        overlay = new OverlayController(jobId, new OverlayRenderer(command.width(), command.height()), ctx.banners());
        overlay.updateNow(job.job().overlay());
        appliedOverlay = job.job().overlay();
        hub = new FanoutHub();
        encoder = newEncoder(command);
        encoder.start();
        WebRtcSource w = webrtc;
        if (w != null) w.onStalled(() -> encoder.endRun()); // the publisher left: standby now, not after the stall timeout
        if (job.job().recording()) {
            recorder = new Recorder(jobId, ctx.core().dataDir().resolve("recordings").resolve(jobId), hub, ctx.timers());
            recorder.start();
        }
    }

    /** Sets up every destination and starts its push. */
    void openDestinations(StoredJob job, JobContext context, boolean takenOver) {
        DestinationSet set = new DestinationSet(ctx, jobId, job.job().destinations());
        wantedDestinations = job.job().destinations();
        destinations = set;
        set.open(job.user(), context, job.job().broadcasts(), takenOver, hub, DestinationSettings.of(cfg), d -> writeBroadcasts());
        writeBroadcasts();
    }

    boolean anyRunning() { return destinations != null && destinations.anyRunning(); }

    boolean anyLive() { return destinations != null && destinations.anyLive(); }

    /** Why the source ended for good (past the grace period), or null. */
    String sourceEnded() { return sourceEnded; }

    /**
     * Applies the job's overlay when it changed (every poll calls this); a copied job that now draws
     * something is encoded from here on, once its source is live: a new encoder started while the
     * source is gone would take the standby off air (the standby of a copied job has no banners).
     */
    void applyOverlay(Overlay wanted) {
        if (!Objects.equals(wanted, appliedOverlay)) {
            log.info("job {}: overlay changed", jobId);
            overlay.update(wanted);
            appliedOverlay = wanted;
        }
        boolean copiedButDraws = encoder.command().mode() == EncoderCommand.Mode.COPY && appliedOverlay != null && appliedOverlay.drawsAnything();
        if (!copiedButDraws) return;
        boolean live = encoder.state() == Encoder.State.LIVE;
        if (!live && !encodeWaitsForSource) log.info("job {}: overlay on a copied stream; encoded once the source is back", jobId);
        encodeWaitsForSource = !live;
        if (live) switchToEncode(appliedOverlay);
    }

    /** The job's destination list changed while live: reconcile the pushes with it (in the background). */
    void applyDestinations(List<String> wanted) {
        DestinationSet set = destinations;
        if (set == null || wanted.isEmpty() || wanted.equals(wantedDestinations)) return;
        wantedDestinations = List.copyOf(wanted);
        edits.execute(() -> {
            if (set.reconcile(wanted)) writeBroadcasts();
        });
    }

    /** Closes pushes, encoder and recording, all at once; blocks until the pushes are closed. */
    void closeAll(boolean endBroadcasts) {
        edits.shutdown(); // an edit under way finishes first, so that a push it starts is closed below
        try {
            edits.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        Encoder e = encoder;
        Thread enc = new Thread(() -> {
            if (e != null) e.stop();
            closeSource(); // after the encoder, so that its input ending is not taken for a lost source
        }, "stop-encoder-" + jobId);
        enc.start();
        if (destinations != null) destinations.stopAll(endBroadcasts);
        try {
            enc.join();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (recorder != null) recorder.stop();
        writeBroadcasts();
    }

    /** Kills every FFmpeg at once (another worker owns the job now). */
    void killAll() {
        edits.shutdownNow();
        if (destinations != null) destinations.killAll();
        Encoder e = encoder;
        if (e != null) e.kill();
        WebRtcSource w = webrtc;
        if (w != null) w.kill();
    }

    List<Long> pids() {
        List<Long> out = new ArrayList<>();
        Encoder e = encoder;
        if (e != null && e.pid() > 0) out.add(e.pid());
        if (destinations != null) destinations.destinations().stream().mapToLong(Destination::pid).filter(p -> p > 0).forEach(out::add);
        WebRtcSource w = webrtc;
        if (w != null) out.add(w.pid());
        return out;
    }

    void writeBroadcasts() {
        DestinationSet set = destinations;
        if (set != null) writes.broadcasts(set::snapshot);
    }

    /**
     * The periodic update, when due on a fixed 2 s schedule (a steady poll that wakes the session a
     * little after each mark must not skip every other one): stats, and {@code broadcasts[]} since
     * bit rates move without state changes; one write and one job event when there are both.
     * Called on every pass of the session's loop, on its thread.
     */
    void writeStatsAndBroadcastsWhenDue() {
        long ageMs = (System.nanoTime() - startedNanos) / 1_000_000;
        if (ageMs < statsDueMs) return;
        long next = statsDueMs + STATS_EVERY_MS;
        statsDueMs = next > ageMs ? next : ageMs + STATS_EVERY_MS; // after a long pause, no burst of catch-up writes
        Progress p = lastProgress;
        DestinationSet set = destinations;
        if (p == null) {
            writeBroadcasts();
            return;
        }
        JobStats stats = new JobStats(p.fps().orElse(0), (int) Math.round(p.bitrateKbps().orElse(0)),
                p.droppedFrames().orElse(0), p.speed().orElse(0), (System.nanoTime() - startedNanos) / 1_000_000);
        if (set == null) writes.stats(stats);
        else writes.statsAndBroadcasts(stats, set::snapshot);
    }

    @Override
    public void close() {
        edits.shutdownNow();
        closeSource();
        if (overlay != null) overlay.close();
        ScratchFiles.deleteTree(standbyDir());
    }

    private void closeSource() {
        WebRtcSource w = webrtc;
        if (w != null) w.close();
    }

    private java.nio.file.Path standbyDir() { return ctx.core().dataDir().resolve("standby").resolve(jobId); }

    private Encoder newEncoder(EncoderCommand command) {
        int audioRate = command.mode() == EncoderCommand.Mode.COPY || command.copyAudio()
                ? sourceInfo == null ? 0 : sourceInfo.audioRate() : 48000;
        EncoderSpec spec = new EncoderSpec("job " + jobId, command, Duration.ofMillis(cfg.sourceStallMs()),
                Duration.ofMillis(cfg.sourceGraceMs()), audioRate, standbyDir());
        return new Encoder(spec, hub, overlay::frame, ctx.timers(), new EncoderEvents());
    }

    /**
     * A copied job got something to draw: from now on it is encoded. The encoder is replaced (the
     * source is pulled again, a second or two without media); the hub continues timestamps, so
     * no destination reconnects. The new video parameters travel in-band with every key frame and
     * the source's AAC is passed through, so decoders downstream follow.
     */
    private void switchToEncode(Overlay wanted) {
        EncoderCommand command = EncodePlanner.plan(source, sourceInfo, wanted, trackNames, cfg);
        if (!command.silence() && sourceInfo != null && "aac".equals(sourceInfo.audioCodec())) command = command.withCopiedAudio();
        log.info("job {}: overlay on a copied stream; switching to {} {}x{}", jobId, command.mode(), command.width(), command.height());
        encoder.stop();
        encoder = newEncoder(command);
        encoder.start();
    }


    /** What the encoder tells the job: the source's state goes to {@code job.source}. */
    private final class EncoderEvents implements Encoder.Listener {
        @Override public void onLive() {
            log.info("job {}: source live", jobId);
            writes.source(SourceStatus.live());
        }

        @Override public void onSourceLost(long lostAt, String reason) {
            log.warn("job {}: source lost; standby picture on air", jobId);
            writes.source(SourceStatus.lost(lostAt));
        }

        @Override public void onEnded(String reason) {
            sourceEnded = "the source ended or stayed gone past the grace period";
            wakeSession.run();
        }

        @Override public void onProgress(Progress progress) { lastProgress = progress; }
    }
}
