package io.restream.worker.jobs;

import io.restream.core.jobs.JobStore;
import io.restream.core.model.Broadcast;
import io.restream.core.model.JobStats;
import io.restream.core.model.JobStatus;
import io.restream.core.model.SourceStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's writes back to Redis, made on one thread so that they land in order (a late "live" never
 * overwrites a "stopped"). While Redis is unreachable a write waits and is tried again (the media
 * goes on meanwhile); stats are the exception, the next ones replace them. Once the job is no
 * longer this worker's to write (hand-back, lost lease) writes are switched off.
 */
final class JobWrites {
    private static final Logger log = LoggerFactory.getLogger(JobWrites.class);
    private static final List<JobStatus> ACTIVE = List.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.STOPPING);
    private static final long RETRY_PAUSE_MS = 500;
    private static final long GIVE_UP_MS = 120_000;

    private final JobStore jobs;
    private final String jobId;
    private final ExecutorService writer;
    private final AtomicBoolean broadcastsQueued = new AtomicBoolean();
    private volatile boolean enabled = true;

    JobWrites(JobStore jobs, String jobId) {
        this.jobs = jobs;
        this.jobId = jobId;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "job-writes-" + jobId);
            t.setDaemon(true);
            return t;
        });
    }

    void disable() { enabled = false; }

    boolean enabled() { return enabled; }

    /** Writes {@code broadcasts[]} as it is when the write runs (one such write queued at a time). */
    void broadcasts(Supplier<List<Broadcast>> snapshot) {
        if (!enabled || !broadcastsQueued.compareAndSet(false, true)) return;
        writer.execute(() -> {
            broadcastsQueued.set(false);
            untilWritten("broadcasts", () -> jobs.updateBroadcasts(jobId, snapshot.get()));
        });
    }

    /** Writes {@code job.source}. */
    void source(SourceStatus source) {
        if (!enabled) return;
        writer.execute(() -> untilWritten("source", () -> jobs.updateSource(jobId, source)));
    }

    /**
     * The periodic update: stats and {@code broadcasts[]} as it is when the write runs, in one write
     * (best effort, like stats: the next one replaces it; a broadcast's change of state has its own
     * write, {@link #broadcasts}).
     */
    void statsAndBroadcasts(JobStats stats, Supplier<List<Broadcast>> snapshot) {
        if (!enabled) return;
        writer.execute(() -> {
            try {
                jobs.updateStatsAndBroadcasts(jobId, stats, snapshot.get()).toCompletableFuture().join();
            } catch (RuntimeException e) {
                log.debug("job {}: stats and broadcasts not written: {}", jobId, e.getMessage());
            }
        });
    }

    void stats(JobStats stats) {
        if (!enabled) return;
        writer.execute(() -> {
            try {
                jobs.updateStats(jobId, stats).toCompletableFuture().join();
            } catch (RuntimeException e) {
                log.debug("job {}: stats not written: {}", jobId, e.getMessage());
            }
        });
    }

    /** After every pending write: moves the job from {@code from} to {@code to}. Blocks. */
    void transition(List<JobStatus> from, JobStatus to, Map<String, String> fields) {
        if (!enabled) return;
        flush();
        untilWritten("status " + to.id(), () -> jobs.transition(jobId, from, to, fields));
    }

    /** The job ends: from any active status to {@code to}. */
    void finish(JobStatus to, Map<String, String> fields) {
        transition(ACTIVE, to, fields);
    }

    void flush() {
        try {
            writer.submit(() -> {}).get(GIVE_UP_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("job {}: pending writes not flushed: {}", jobId, e.getMessage());
        }
    }

    void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tries {@code write} until Redis takes it, the writes are switched off, or a long while has passed. */
    private void untilWritten(String what, Supplier<CompletionStage<?>> write) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MS);
        boolean warned = false;
        while (enabled) {
            try {
                write.get().toCompletableFuture().join();
                if (warned) log.info("job {}: {} written now that Redis answers again", jobId, what);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    log.warn("job {}: {} not written: {}", jobId, what, e.getMessage());
                    return;
                }
                if (!warned) log.warn("job {}: {} not written yet ({}); trying again", jobId, what, e.getMessage());
                warned = true;
                try {
                    Thread.sleep(RETRY_PAUSE_MS); // waiting for Redis to come back; not a test wait
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
