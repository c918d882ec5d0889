package io.restream.chat.jobs;

import io.restream.chat.lease.ChatLease;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.StoredJob;
import io.restream.core.model.JobStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every active job once per scan: takes the chat lease of running jobs nobody reads,
 * renews the leases it holds, refreshes their {@link JobChat}, and ends the chat of jobs that
 * stopped running or whose lease it lost. Runs on one thread, so its map needs no locking.
 */
public final class JobScanner {
    private static final Logger log = LoggerFactory.getLogger(JobScanner.class);

    private final JobStore jobs;
    private final ChatLease lease;
    private final ChatDeps deps;
    private final Map<String, JobChat> owned = new HashMap<>();
    /** Set when the role stops: a scan in progress takes no further job (no new sessions, no viewer polls). */
    private volatile boolean stopping;

    public JobScanner(JobStore jobs, ChatLease lease, ChatDeps deps) {
        this.jobs = jobs;
        this.lease = lease;
        this.deps = deps;
    }

    /** Ends scanning: a scan in progress stops before its next job, and later passes do nothing. */
    public void stopScanning() {
        stopping = true;
    }

    /** One pass; never throws (a failed pass is retried by the next). */
    public void scan() {
        if (stopping) return;
        try {
            List<String> active = jobs.activeIds().toCompletableFuture().get(5, TimeUnit.SECONDS);
            Set<String> ids = new HashSet<>(active);
            ids.addAll(owned.keySet());
            // Every job is read at once (pipelined on the one connection), not one round trip each.
            Map<String, CompletableFuture<Optional<StoredJob>>> reads = new HashMap<>();
            for (String id : ids) reads.put(id, jobs.get(id).toCompletableFuture());
            CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            for (String id : ids) {
                if (stopping || Thread.currentThread().isInterrupted()) return;
                scanJob(id, reads.get(id).join());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down
        } catch (Exception e) {
            log.warn("chat scan failed: {}", e.toString());
        }
    }

    private void scanJob(String id, Optional<StoredJob> job) {
        try {
            boolean running = job.isPresent() && job.get().job().status() == JobStatus.RUNNING;
            JobChat chat = owned.get(id);
            if (chat != null) {
                if (!running) {
                    stop(id, "job is no longer running");
                    lease.release(id);
                } else if (!lease.renew(id).toCompletableFuture().get(5, TimeUnit.SECONDS)) {
                    stop(id, "lease lost");
                } else {
                    chat.refresh(job.get());
                }
            } else if (running && lease.tryAcquire(id).toCompletableFuture().get(5, TimeUnit.SECONDS)) {
                log.info("job {}: chat taken by {}", id, lease.holder());
                JobChat fresh = new JobChat(deps, job.get());
                owned.put(id, fresh);
                fresh.refresh(job.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the scan stops before the next job
        } catch (Exception e) {
            log.warn("job {}: chat scan failed: {}", id, e.toString());
        }
    }

    private void stop(String id, String why) {
        JobChat chat = owned.remove(id);
        if (chat != null) {
            log.info("job {}: chat closed ({})", id, why);
            chat.close();
        }
    }

    /**
     * Shutting down: closes every session and gives the leases back so that another instance takes
     * over at once. The jobs still run, so their viewer counts and webhook routes are left for the
     * next owner rather than cleared.
     */
    public void closeAll() {
        for (String id : Set.copyOf(owned.keySet())) {
            JobChat chat = owned.remove(id);
            chat.abandon();
            try {
                lease.release(id).toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("job {}: lease release failed: {}", id, e.toString());
            }
        }
    }

    /** Stops reading every job without giving the leases back (for failover tests: looks like a crash). */
    public void abandonAll() {
        owned.values().forEach(JobChat::abandon);
        owned.clear();
    }

    /** Jobs whose chat this instance reads now. */
    public Set<String> owned() {
        return Set.copyOf(owned.keySet());
    }
}
