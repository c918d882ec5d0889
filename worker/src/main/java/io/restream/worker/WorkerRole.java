package io.restream.worker;

import io.restream.core.config.CoreConfig;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.crypto.SecretBox;
import io.restream.core.jobs.JobStore;
import io.restream.core.net.UrlGuard;
import io.restream.core.redis.Redis;
import io.restream.platforms.PlatformAdapters;
import io.restream.worker.jobs.JobRunner;
import io.restream.worker.jobs.WorkerContext;
import io.restream.worker.overlay.BannerFetcher;
import io.restream.worker.source.SourceResolver;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker role, as the launcher starts it: claims jobs and runs their media pipelines until
 * {@link #close()}, which hands every job back gracefully (pushes closed, leases released, so that
 * another worker takes them over at once) and leaves the worker registry.
 */
public final class WorkerRole implements AutoCloseable {
    private final String workerId;
    private final ScheduledExecutorService timers;
    private final JobRunner runner;
    private final BannerFetcher banners;

    public WorkerRole(WorkerConfig config, CoreConfig core, Redis redis, SecretBox box, PlatformAdapters adapters) {
        this.workerId = config.workerId().orElseGet(() -> hostName() + "-" + UUID.randomUUID().toString().substring(0, 8));
        AtomicInteger n = new AtomicInteger();
        this.timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "worker-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        UrlGuard guard = new UrlGuard(core.allowPrivateUrls(), core.urlAllowlist());
        this.banners = new BannerFetcher(guard, core.allowHttpOverlays(), config.bannerMaxBytes(),
                new io.restream.worker.overlay.html.HtmlBanners(guard, core.allowHttpOverlays(), config.overlayFps(), new JobStore(redis)),
                new io.restream.worker.overlay.OverlayChanges(redis));
        this.runner = new JobRunner(new WorkerContext(workerId, config, core, redis, new JobStore(redis),
                new ConnectionStore(redis, box), box, adapters,
                new SourceResolver(config.sourceUrlTemplate(), core.sandbox(), config.demoWidth(), config.demoHeight(), config.fps(),
                        config.sourceTokens().whepBearer(), config.sourceTokens().callsApp()),
                banners, timers));
    }

    public String workerId() { return workerId; }

    public void start() {
        ImagingWarmUp.startInBackground();
        runner.start();
    }

    /** Ids of the jobs running here. */
    public List<String> jobIds() { return runner.jobIds(); }

    /** Pids of this worker's FFmpeg children. */
    public List<Long> ffmpegPids() { return runner.ffmpegPids(); }

    @Override
    public void close() {
        runner.close();
        banners.close();
        timers.shutdownNow();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "worker";
        }
    }
}
