package io.restream.worker.jobs;

import io.restream.core.jobs.JobStore;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of the jobs this worker runs, so that a job stays here while Redis fails over.
 * Every {@code heartbeatMs} each lease is renewed by a command of its own, all at once and never
 * waiting on each other: a lease on a master that is failing over holds up no other lease (they
 * may live on other masters) and no other work of the worker.
 *
 * <p>A renewal that Redis does not answer within {@link #ATTEMPT_TIMEOUT_MS} (master down, failover
 * under way, the cluster client's topology still pointing at the dead master) is sent again every
 * {@link #RETRY_MS} as a new command, which the client routes to the promoted replica as soon as its
 * topology refresh (adaptive, on the reconnect attempts; see {@code Redis}) knows it. The job keeps
 * running meanwhile; {@code renew.lua} takes a lease that lapsed back as long as no other worker has
 * taken it, and other workers give a holder one heartbeat of grace before they take a job whose
 * lease they see missing ({@link JobRunner}). Only an answer from Redis that another worker holds
 * the lease ends the job here.
 *
 * <pre>
 *   IDLE ──heartbeat──► RENEWING ──answered: held────────► IDLE
 *                          │  ▲   ──answered: not held──► lost (the session is killed, nothing written)
 *                          │  └── no answer: again after RETRY_MS, while the session still runs here
 * </pre>
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    static final long ATTEMPT_TIMEOUT_MS = 1000;
    static final long RETRY_MS = 250;

    private final JobStore jobs;
    private final String workerId;
    private final long leaseMs;
    private final Supplier<Collection<JobSession>> sessions;
    private final Predicate<JobSession> stillHere;
    private final Consumer<JobSession> onLost;
    /** Jobs with a renewal under way (first attempt or retries): one at a time per job. */
    private final Set<String> renewing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-keeper");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /**
     * @param stillHere whether a session still runs on this worker (a retry for one that ended stops)
     * @param onLost called on the keeper's thread when Redis answers that another worker holds the lease
     */
    LeaseKeeper(JobStore jobs, String workerId, long leaseMs, Supplier<Collection<JobSession>> sessions,
            Predicate<JobSession> stillHere, Consumer<JobSession> onLost) {
        this.jobs = jobs;
        this.workerId = workerId;
        this.leaseMs = leaseMs;
        this.sessions = sessions;
        this.stillHere = stillHere;
        this.onLost = onLost;
    }

    void start(long heartbeatMs) {
        timer.scheduleWithFixedDelay(this::renewAll, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
    }

    /** Stops renewing (before the worker hands its jobs back: a renewal after a release would take the lease again). */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void renewAll() {
        for (JobSession s : sessions.get()) {
            if (renewing.add(s.jobId())) attempt(s, 1);
        }
    }

    private void attempt(JobSession s, int n) {
        if (closed || !stillHere.test(s)) {
            renewing.remove(s.jobId());
            return;
        }
        CompletableFuture<Boolean> call;
        try {
            call = jobs.renewLease(s.jobId(), workerId, leaseMs).toCompletableFuture();
        } catch (RuntimeException e) { // a client that refuses commands at once while disconnected
            call = CompletableFuture.failedFuture(e);
        }
        call.orTimeout(ATTEMPT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .whenComplete((held, error) -> {
                    if (closed) return;
                    if (error != null) {
                        if (n == 1) log.warn("job {}: lease not renewed ({}); trying again every {} ms, the job goes on", s.jobId(), error, RETRY_MS);
                        schedule(() -> attempt(s, n + 1), RETRY_MS);
                        return;
                    }
                    renewing.remove(s.jobId());
                    if (n > 1) log.info("job {}: lease renewed after {} attempts", s.jobId(), n);
                    if (!held) schedule(() -> onLost.accept(s), 0);
                });
    }

    private void schedule(Runnable r, long delayMs) {
        try {
            timer.schedule(r, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile: the worker is stopping and hands its jobs back
        }
    }
}
