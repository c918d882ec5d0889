package io.restream.worker.jobs;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.StoredJob;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import io.restream.core.workers.WorkerRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims jobs and keeps them. Three ways a job reaches this worker, all ending in the one atomic
 * {@code JobStore.claim} (lease + owner), so that a job runs on exactly one worker:
 * <ol>
 *   <li>new jobs from the {@code rs:jobs} stream, read with the consumer group {@code workers}, so
 *       that workers on several machines share the queue;</li>
 *   <li>{@code XAUTOCLAIM} of entries a dead consumer read but never acknowledged;</li>
 *   <li>a scan of {@code rs:active} for jobs whose lease is gone (their worker died or handed them
 *       back; a lapsed lease must be seen missing at two scans in a row): with a lease of {@code leaseMs}
 *       scanned every {@code heartbeatMs}, a dead worker's job is taken over within
 *       {@code leaseMs + 2 × heartbeatMs}, a handed-back one within {@code heartbeatMs}.</li>
 * </ol>
 * The {@link LeaseKeeper} renews the leases of running jobs every {@code heartbeatMs}, riding out a
 * Redis failover (a job whose lease Redis says another worker holds is killed here at once); the
 * worker heartbeats in the {@link WorkerRegistry} every {@code heartbeatMs} too.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final long BLOCK_MS = 1000;

    private final WorkerContext ctx;
    private final WorkerRegistry registry;
    private final Map<String, JobSession> sessions = new ConcurrentHashMap<>();
    private final JobSignals signals;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-runner-tick");
        t.setDaemon(true);
        return t;
    });
    private final long startedAt = System.currentTimeMillis();
    private final String host;
    private final LeaseKeeper leases;
    private volatile boolean closing;
    private Set<String> unleasedAtLastScan = Set.of(); // only on the ticker's thread
    private Thread queueReader;
    private Redis blocking;

    public JobRunner(WorkerContext ctx) {
        this.ctx = ctx;
        this.registry = new WorkerRegistry(ctx.redis());
        this.signals = new JobSignals(ctx.redis());
        this.host = hostName();
        this.leases = new LeaseKeeper(ctx.jobs(), ctx.workerId(), ctx.config().leaseMs(), sessions::values,
                s -> sessions.get(s.jobId()) == s, this::leaseLost);
    }

    public void start() {
        ensureGroup();
        blocking = ctx.redis().dedicated();
        queueReader = new Thread(this::readQueue, "job-queue-" + ctx.workerId());
        queueReader.setDaemon(true);
        queueReader.start();
        ticker.scheduleWithFixedDelay(this::tick, 0, ctx.config().heartbeatMs(), TimeUnit.MILLISECONDS);
        leases.start(ctx.config().heartbeatMs());
        log.info("worker {} on {} takes jobs", ctx.workerId(), host);
    }

    /** Ids of the jobs this worker runs. */
    public List<String> jobIds() { return List.copyOf(sessions.keySet()); }

    /** Pids of every FFmpeg child of this worker's jobs. */
    public List<Long> ffmpegPids() {
        List<Long> out = new ArrayList<>();
        sessions.values().forEach(s -> out.addAll(s.pids()));
        return out;
    }

    /** Graceful: close every push, hand the jobs back (leases released), leave the registry. */
    @Override
    public void close() {
        closing = true;
        leases.close();
        ticker.shutdownNow();
        if (queueReader != null) {
            try {
                queueReader.join(BLOCK_MS + 6000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Thread> handOvers = new ArrayList<>();
        for (JobSession s : sessions.values()) {
            Thread t = new Thread(s::handOver, "hand-over-" + s.jobId());
            t.start();
            handOvers.add(t);
        }
        for (Thread t : handOvers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            registry.remove(ctx.workerId()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("worker {}: not removed from the registry: {}", ctx.workerId(), e.getMessage());
        }
        if (blocking != null) blocking.close();
        signals.close();
        log.info("worker {} stopped", ctx.workerId());
    }

    private void ensureGroup() {
        try {
            ctx.redis().sync().xgroupCreate(XReadArgs.StreamOffset.from(RedisKeys.JOB_QUEUE, "0"), RedisKeys.WORKERS_GROUP,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException e) {
            // BUSYGROUP: another worker made it first.
        }
    }

    private void readQueue() {
        Consumer<String> me = Consumer.from(RedisKeys.WORKERS_GROUP, ctx.workerId());
        while (!closing) {
            try {
                List<StreamMessage<String, String>> messages = blocking.sync().xreadgroup(me,
                        XReadArgs.Builder.block(BLOCK_MS).count(10), XReadArgs.StreamOffset.lastConsumed(RedisKeys.JOB_QUEUE));
                for (StreamMessage<String, String> m : messages) {
                    String jobId = m.getBody().get("job");
                    if (jobId != null && !closing) tryClaim(jobId);
                    blocking.sync().xack(RedisKeys.JOB_QUEUE, RedisKeys.WORKERS_GROUP, m.getId());
                }
            } catch (RuntimeException e) {
                if (closing) return;
                if (String.valueOf(e.getMessage()).contains("NOGROUP")) ensureGroup();
                log.warn("worker {}: reading the job queue failed: {}", ctx.workerId(), e.getMessage());
                pauseAfterError();
            }
        }
    }

    private void tick() {
        if (closing) return;
        try {
            registry.heartbeat(ctx.workerId(), host, startedAt, jobIds(), System.currentTimeMillis()).toCompletableFuture().join();
            takeOverOrphans();
            claimAbandonedEntries();
        } catch (RuntimeException e) {
            log.warn("worker {}: heartbeat failed: {}", ctx.workerId(), e.getMessage());
        }
    }

    /**
     * Active jobs that nobody holds a lease on: their worker handed them back (taken at once) or
     * died. A job whose lease merely lapsed is taken only when it was missing at the previous scan
     * too (one heartbeat earlier): a holder whose renewals could not reach Redis for a while (a
     * master failing over) gets that heartbeat to take its lease back, and its destinations do not
     * get a second publish.
     */
    private void takeOverOrphans() {
        Set<String> unleased = new HashSet<>();
        for (String jobId : ctx.jobs().activeIds().toCompletableFuture().join()) {
            if (closing) return;
            if (sessions.containsKey(jobId)) continue;
            JobStore.LeaseState lease = ctx.jobs().leaseState(jobId).toCompletableFuture().join();
            if (lease == JobStore.LeaseState.HELD) continue;
            unleased.add(jobId);
            if (lease == JobStore.LeaseState.RELEASED || unleasedAtLastScan.contains(jobId)) tryClaim(jobId);
        }
        unleasedAtLastScan = unleased;
    }

    /** Redis answered that another worker holds the job's lease: it runs there now. */
    private void leaseLost(JobSession s) {
        if (!sessions.remove(s.jobId(), s)) return;
        log.warn("job {}: lease lost; another worker has it now", s.jobId());
        s.leaseLost();
    }

    private void claimAbandonedEntries() {
        Duration minIdle = Duration.ofMillis(ctx.config().leaseMs() * 2);
        ClaimedMessages<String, String> claimed = ctx.redis().sync().xautoclaim(RedisKeys.JOB_QUEUE,
                XAutoClaimArgs.Builder.xautoclaim(Consumer.from(RedisKeys.WORKERS_GROUP, ctx.workerId()), minIdle, "0-0").count(20));
        for (StreamMessage<String, String> m : claimed.getMessages()) {
            String jobId = m.getBody().get("job");
            if (jobId != null && !closing) tryClaim(jobId);
            ctx.redis().sync().xack(RedisKeys.JOB_QUEUE, RedisKeys.WORKERS_GROUP, m.getId());
        }
    }

    private synchronized void tryClaim(String jobId) {
        if (closing || sessions.containsKey(jobId)) return;
        Optional<StoredJob> job = ctx.jobs().claim(jobId, ctx.workerId(), ctx.config().leaseMs()).toCompletableFuture().join();
        if (job.isEmpty()) return;
        JobSession[] holder = new JobSession[1];
        holder[0] = new JobSession(ctx, signals, job.get(), () -> sessions.remove(jobId, holder[0]));
        sessions.put(jobId, holder[0]);
        holder[0].start();
    }

    private void pauseAfterError() {
        try {
            Thread.sleep(1000); // back off from a failing Redis; not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
