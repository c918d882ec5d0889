package io.restream.chat;

import io.restream.chat.jobs.ChatDeps;
import io.restream.chat.jobs.JobScanner;
import io.restream.chat.lease.ChatLease;
import io.restream.core.chat.ChatLog;
import io.restream.core.chat.ViewerStore;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.crypto.SecretBox;
import io.restream.core.jobs.JobStore;
import io.restream.core.redis.Redis;
import io.restream.platforms.PlatformAdapters;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat aggregator role. Scans running jobs every {@code scanMs}; for each job whose chat lease
 * it holds it reads the destinations' chat into the user's chat log and polls viewer counts (see
 * {@link JobScanner}). Platform adapters come from {@link PlatformAdapters#chat()}.
 */
public final class ChatRole implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatRole.class);

    private final ChatConfig config;
    private final JobScanner scanner;
    private final ScheduledExecutorService loop;
    private final ExecutorService io;

    public ChatRole(ChatConfig config, Redis redis, SecretBox box, PlatformAdapters adapters) {
        this.config = config;
        this.loop = Executors.newSingleThreadScheduledExecutor(daemon("chat-scan"));
        this.io = Executors.newFixedThreadPool(4, daemon("chat-io"));
        ChatDeps deps = new ChatDeps(redis, new ConnectionStore(redis, box), new ChatLog(redis), new ViewerStore(redis),
                adapters.chat(), io, config.viewersMs(), adapters.tokens());
        this.scanner = new JobScanner(new JobStore(redis), new ChatLease(redis, config.instanceId(), config.leaseMs()), deps);
    }

    public void start() {
        loop.scheduleWithFixedDelay(scanner::scan, 0, config.scanMs(), TimeUnit.MILLISECONDS);
        log.info("chat aggregator {} started (lease {} ms, scan {} ms, viewers every {} ms)",
                config.instanceId(), config.leaseMs(), config.scanMs(), config.viewersMs());
    }

    /** Jobs whose chat this instance reads now. */
    public Set<String> ownedJobs() {
        try {
            return loop.submit(scanner::owned).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Set.of();
        }
    }

    /** Stops as a crashed process would: sessions dropped, leases left to expire (not given back). For tests. */
    void halt() {
        stop(scanner::abandonAll, "halt");
    }

    @Override
    public void close() {
        if (loop.isShutdown()) return;
        stop(scanner::closeAll, "chat aggregator did not close its sessions cleanly");
    }

    /**
     * Runs {@code last} on the scan thread after the scan in progress, then stops both executors,
     * the scan thread first: a scan hands viewer polls to {@code io}, so {@code io} is shut only once
     * no scan can run any more. (Shutting both at once while a long scan was still going made every
     * job left in that scan log a {@code RejectedExecutionException}.) A scan still running when
     * the time is up is interrupted and stops at its next job.
     */
    private void stop(Runnable last, String failure) {
        scanner.stopScanning();
        try {
            java.util.concurrent.Future<?> done = loop.submit(last);
            loop.shutdown(); // no further scans; the task above still runs
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("{}: {}", failure, e.toString());
        }
        loop.shutdownNow();
        try {
            if (!loop.awaitTermination(10, TimeUnit.SECONDS)) log.warn("the chat scan thread did not stop within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
