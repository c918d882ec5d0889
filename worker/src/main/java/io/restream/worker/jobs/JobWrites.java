package io.restream.worker.jobs;

import io.restream.core.jobs.JobStore;
import io.restream.core.model.Broadcast;
import io.restream.core.model.JobStats;
import io.restream.core.model.JobStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's writes back to Redis, made on one thread so that they land in order (a late "live" never
 * overwrites a "stopped"). Once the job is no longer this worker's to write (hand-back, lost
 * lease) they are switched off.
 */
final class JobWrites {
    private static final Logger log = LoggerFactory.getLogger(JobWrites.class);
    private static final List<JobStatus> ACTIVE = List.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.STOPPING);

    private final JobStore jobs;
    private final String jobId;
    private final ExecutorService writer;
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

    /** Writes {@code broadcasts[]} as it is when the write runs. */
    void broadcasts(Supplier<List<Broadcast>> snapshot) {
        if (!enabled) return;
        writer.execute(() -> {
            if (!enabled) return;
            try {
                jobs.updateBroadcasts(jobId, snapshot.get()).toCompletableFuture().join();
            } catch (RuntimeException e) {
                log.warn("job {}: broadcasts not written: {}", jobId, e.getMessage());
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
        jobs.transition(jobId, from, to, fields).toCompletableFuture().join();
    }

    /** The job ends: from any active status to {@code to}. */
    void finish(JobStatus to, Map<String, String> fields) {
        transition(ACTIVE, to, fields);
    }

    void flush() {
        try {
            writer.submit(() -> {}).get(5, TimeUnit.SECONDS);
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
}
