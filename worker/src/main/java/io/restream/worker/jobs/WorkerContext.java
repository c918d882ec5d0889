package io.restream.worker.jobs;

import io.restream.core.config.CoreConfig;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.crypto.SecretBox;
import io.restream.core.jobs.JobStore;
import io.restream.core.redis.Redis;
import io.restream.platforms.PlatformAdapters;
import io.restream.worker.WorkerConfig;
import io.restream.worker.overlay.BannerFetcher;
import io.restream.worker.source.SourceResolver;
import java.util.concurrent.ScheduledExecutorService;

/** What every job session of one worker shares: its id, configuration, stores and helpers. */
public record WorkerContext(
        String workerId,
        WorkerConfig config,
        CoreConfig core,
        Redis redis,
        JobStore jobs,
        ConnectionStore connections,
        SecretBox box,
        PlatformAdapters adapters,
        SourceResolver sources,
        BannerFetcher banners,
        ScheduledExecutorService timers) {}
