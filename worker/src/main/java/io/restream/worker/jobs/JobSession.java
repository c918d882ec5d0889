package io.restream.worker.jobs;

import io.restream.core.jobs.JobControl;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.StoredJob;
import io.restream.core.model.JobStatus;
import io.restream.platforms.port.JobContext;
import io.restream.worker.WorkerConfig;
import io.restream.worker.process.StateTable;
import io.restream.worker.source.SourceException;
import io.restream.worker.source.SourceInfo;
import io.restream.worker.source.SourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one claimed job (DESIGN.md §3) on a thread of its own; the media is its
 * {@link JobPipeline}. The job's state is read through {@link JobStore#control} at once when a job
 * event of its user arrives ({@link JobSignals}: stop, supersede, overlay and destination changes act
 * in ms) or the media has news for it (the source ended), and otherwise every poll period: the fast
 * one ({@code pollMs}) while the job starts, waits for the job it supersedes, or has no live
 * destination yet; the slow one ({@code steadyPollMs}) once it runs, where the poll is only the
 * backstop for a lost job event (a live stream runs for hours, and its reads were the worker's
 * largest Redis cost).
 *
 * <pre>
 *   CLAIMED ──job no longer active (stopping: written stopped)──────────────────► STOPPED
 *      │ open the source (probe, or a WebRTC session to its first frame; at most sourceOpenTimeoutMs)
 *      ▼
 *   PREPARING ──source fails─────────────────────────────────────────────────────► FAILED source_unavailable
 *      │ encoder (+ recorder) started; superseding: wait until the old job's pushes are closed
 *      │ (or its lease expired) ──stopped meanwhile──────────────────────────────► STOPPED
 *      │ open destinations ──none could be set up──────────────────────────────► FAILED all_destinations_failed
 *      ▼
 *   QUEUED ──first destination live──► RUNNING
 *      │ no destination live after 30 s ───────────────────────────────────────► FAILED all_destinations_failed
 *      ├─ QUEUED/RUNNING: stop or supersede (status stopping): pushes closed ───► STOPPED
 *      └─ QUEUED/RUNNING: source gone past the grace period ──────────────────► ENDED
 *   any of CLAIMED, PREPARING, QUEUED, RUNNING:
 *      worker shutting down: pushes closed, lease released, status kept ───────► HANDED_BACK
 *      lease lost (another worker has the job): everything killed, nothing written ► ABANDONED
 *      unexpected error ──────────────────────────────────────────────────────► FAILED worker_error
 * </pre>
 *
 * Every change of state goes through {@link #setState}, which refuses an edge not drawn here.
 * A Redis read that fails (Redis unreachable) skips one poll ({@link JobReads}): the media goes on,
 * and writes wait in {@link JobWrites} until Redis answers again.
 */
final class JobSession {
    private static final Logger log = LoggerFactory.getLogger(JobSession.class);
    private static final long DESTINATIONS_DEADLINE_MS = 30_000;

    /** The states drawn in the class comment. */
    enum State { CLAIMED, PREPARING, QUEUED, RUNNING, STOPPED, ENDED, FAILED, HANDED_BACK, ABANDONED }

    /** The edges drawn in the class comment. */
    static final StateTable<State> TRANSITIONS = StateTable.of(State.class)
            .edge(State.CLAIMED, State.PREPARING, State.STOPPED, State.FAILED, State.HANDED_BACK, State.ABANDONED)
            .edge(State.PREPARING, State.QUEUED, State.STOPPED, State.FAILED, State.HANDED_BACK, State.ABANDONED)
            .edge(State.QUEUED, State.RUNNING, State.STOPPED, State.ENDED, State.FAILED, State.HANDED_BACK, State.ABANDONED)
            .edge(State.RUNNING, State.STOPPED, State.ENDED, State.FAILED, State.HANDED_BACK, State.ABANDONED)
            .build();

    private final WorkerContext ctx;
    private final WorkerConfig cfg;
    private final StoredJob claimed;
    private final String jobId;
    private final Runnable onDone;
    private final Thread thread;
    private final Pacer pacer = new Pacer();
    private final JobSignals signals;
    private final JobWrites writes;
    private final JobPipeline pipeline;
    private final JobReads reads;
    /** When the destinations were opened: their 30 s start from here, not from a (slow) source open. */
    private long startedNanos = System.nanoTime();
    private volatile State state = State.CLAIMED;
    private volatile boolean handOver;
    private volatile boolean leaseLost;

    JobSession(WorkerContext ctx, JobSignals signals, StoredJob claimed, Runnable onDone) {
        this.ctx = ctx;
        this.signals = signals;
        this.cfg = ctx.config();
        this.claimed = claimed;
        this.jobId = claimed.id();
        this.onDone = onDone;
        this.thread = new Thread(this::run, "job-" + jobId);
        this.writes = new JobWrites(ctx.jobs(), jobId);
        this.pipeline = new JobPipeline(ctx, jobId, writes, pacer::nudge);
        this.reads = new JobReads(ctx.jobs(), jobId);
    }

    String jobId() { return jobId; }

    State state() { return state; }

    void start() { thread.start(); }

    /** The one place the state changes; an edge not in {@link #TRANSITIONS} throws. */
    synchronized void setState(State to) {
        state = TRANSITIONS.check("job " + jobId, state, to);
    }

    /** Worker shutdown: close every push, keep the job's status, give the lease back. Blocks. */
    void handOver() {
        handOver = true;
        writes.disable();
        pacer.wakeForGood();
        join();
    }

    /** Another worker holds the lease now: kill everything at once, write nothing. */
    void leaseLost() {
        leaseLost = true;
        writes.disable();
        pipeline.killAll();
        pacer.wakeForGood();
    }

    void join() {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pids of this job's FFmpeg children (for tests and diagnostics). */
    List<Long> pids() { return pipeline.pids(); }

    private void run() {
        JobSignals.Listening nudges = signals.listen(claimed.user(), pacer::nudge);
        try {
            runJob();
        } catch (RuntimeException | LinkageError e) {
            log.error("job {}: failed unexpectedly", jobId, e);
            pipeline.closeAll(false);
            end(State.FAILED, JobStatus.FAILED, JobStore.errorField("worker_error", "the worker failed: " + e.getClass().getSimpleName()));
        } finally {
            pipeline.close();
            writes.close();
            if (!leaseLost) {
                try {
                    ctx.jobs().releaseLease(jobId, ctx.workerId()).toCompletableFuture().join();
                } catch (RuntimeException e) {
                    log.warn("job {}: lease not released ({}); it expires by itself", jobId, e.getMessage());
                }
            }
            nudges.close();
            onDone.run();
        }
    }

    private void runJob() {
        StoredJob job = reads.stored().orElse(claimed);
        if (!job.job().status().isActive() || job.job().status() == JobStatus.STOPPING) {
            log.info("job {}: claimed while {}; closing it", jobId, job.job().status().id());
            end(State.STOPPED, job.job().status() == JobStatus.STOPPING ? JobStatus.STOPPED : null, Map.of());
            return;
        }
        boolean takenOver = job.job().status() == JobStatus.RUNNING;
        log.info("job {}: {} on worker {}", jobId, takenOver ? "taken over" : "starting", ctx.workerId());
        setState(State.PREPARING);
        SourceSpec source;
        SourceInfo info = null;
        try {
            source = pipeline.openSource(ctx.sources().resolve(job.job().publisherSessionId()), job.job().trackNames());
            info = pipeline.sourceInfo();
        } catch (SourceException e) {
            log.warn("job {}: {}", jobId, e.getMessage());
            end(State.FAILED, JobStatus.FAILED, JobStore.errorField(e.code(), e.getMessage()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        pipeline.startEncoding(job, source, info);
        if (job.supersedes() != null && !awaitHandOver(job.supersedes())) {
            if (!leftWorker()) stopNow();
            return;
        }
        if (leftWorker()) return;
        Optional<JobControl> now = control();
        if (now.isPresent() && (!now.get().status().isActive() || now.get().status() == JobStatus.STOPPING)) {
            stopNow(); // stopped while the source was being opened: no destination is ever touched
            return;
        }
        JobContext context = JobContexts.of(ctx, job);
        pipeline.openDestinations(job, context, takenOver);
        startedNanos = System.nanoTime();
        if (!pipeline.anyRunning()) {
            pipeline.closeAll(false);
            end(State.FAILED, JobStatus.FAILED, JobStore.errorField("all_destinations_failed", "no destination could be set up"));
            return;
        }
        setState(State.QUEUED);
        if (takenOver) setState(State.RUNNING);
        watch();
    }

    /** The supersede hand-over: true when the old job's pushes are closed (or its lease expired). */
    private boolean awaitHandOver(String oldJobId) {
        while (!handOver && !leaseLost) {
            Optional<Optional<JobControl>> old = reads.controlIfAnswered(oldJobId);
            Optional<Boolean> leased = reads.isLeased(oldJobId);
            if (old.isPresent() && leased.isPresent()) {
                boolean oldDone = old.get().isEmpty() || old.get().get().status().isTerminal();
                if (oldDone || !leased.get()) {
                    log.info("job {}: superseded job {} has closed its destinations ({})", jobId, oldJobId,
                            oldDone ? "ended" : "lease expired");
                    return true;
                }
            }
            Optional<JobControl> mine = control();
            if (mine.isPresent() && !mine.get().status().isActive()) return false;
            if (pause()) break;
        }
        return true;
    }

    private void watch() {
        while (!leftWorker()) {
            Optional<JobControl> control = control();
            if (control.isPresent()) {
                JobStatus status = control.get().status();
                if (!status.isActive() || status == JobStatus.STOPPING) {
                    stopNow();
                    return;
                }
                pipeline.applyOverlay(control.get().overlay());
                pipeline.applyDestinations(control.get().destinations());
            }
            if (pipeline.sourceEnded() != null) {
                pipeline.closeAll(true);
                log.info("job {}: {}", jobId, pipeline.sourceEnded());
                end(State.ENDED, JobStatus.ENDED, Map.of());
                return;
            }
            if (state == State.QUEUED && pipeline.anyLive()) {
                writes.transition(List.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of());
                setState(State.RUNNING);
            }
            long ageMs = (System.nanoTime() - startedNanos) / 1_000_000;
            if (state == State.QUEUED && ageMs > DESTINATIONS_DEADLINE_MS) {
                pipeline.closeAll(true);
                end(State.FAILED, JobStatus.FAILED, JobStore.errorField("all_destinations_failed", "no destination could be reached"));
                return;
            }
            pipeline.writeStatsAndBroadcastsWhenDue();
            pause();
        }
    }

    /** The job left this worker (shutdown or lost lease): closes or kills what runs; true if so. */
    private boolean leftWorker() {
        if (leaseLost) {
            pipeline.killAll();
            pipeline.closeAll(false);
            setState(State.ABANDONED);
            return true;
        }
        if (handOver) {
            pipeline.closeAll(false);
            setState(State.HANDED_BACK);
            log.info("job {}: handed back (worker shutting down)", jobId);
            return true;
        }
        return false;
    }

    /** Stop or supersede: close everything (pushes provably closed), then the job is stopped. */
    private void stopNow() {
        pipeline.closeAll(true);
        end(State.STOPPED, JobStatus.STOPPED, Map.of());
        log.info("job {}: stopped", jobId);
    }

    /** Moves the session to {@code to} and, unless {@code status} is null, the job too. */
    private void end(State to, JobStatus status, Map<String, String> fields) {
        if (TRANSITIONS.allows(state, to)) setState(to);
        if (status != null) writes.finish(status, fields);
    }

    private Optional<JobControl> control() { return reads.control(jobId); }

    /**
     * Waits one poll period (the slow one once RUNNING), less when the job changed or the media has
     * news; true when woken for good (hand-over, lost lease).
     */
    private boolean pause() { return pacer.pause(state == State.RUNNING ? cfg.steadyPollMs() : cfg.pollMs()); }
}
