package io.restream.worker.jobs;

import io.restream.core.jobs.JobControl;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.StoredJob;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job session's reads of Redis, through {@link JobStore}, each bounded in time: a read that
 * fails or does not answer (Redis unreachable) is empty, and the session tries again next poll,
 * so the media never waits for Redis.
 */
final class JobReads {
    private static final Logger log = LoggerFactory.getLogger(JobReads.class);
    private static final long TIMEOUT_MS = 2000;

    private final JobStore jobs;
    private final String jobId;

    JobReads(JobStore jobs, String jobId) {
        this.jobs = jobs;
        this.jobId = jobId;
    }

    /** This job as stored. */
    Optional<StoredJob> stored() { return read(() -> jobs.get(jobId)).flatMap(o -> o); }

    /** Status, overlay and destinations of {@code id} (this job, or the one it supersedes). */
    Optional<JobControl> control(String id) { return read(() -> jobs.control(id)).flatMap(o -> o); }

    /** Whether {@code id} answered at all, and if so whether the job exists (the hand-over needs both). */
    Optional<Optional<JobControl>> controlIfAnswered(String id) { return read(() -> jobs.control(id)); }

    Optional<Boolean> isLeased(String id) { return read(() -> jobs.isLeased(id)); }

    private <T> Optional<T> read(Supplier<CompletionStage<T>> call) {
        try {
            return Optional.ofNullable(call.get().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            log.debug("job {}: Redis read failed: {}", jobId, e.getMessage());
            return Optional.empty();
        }
    }
}
