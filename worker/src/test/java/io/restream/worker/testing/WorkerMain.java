package io.restream.worker.testing;

import io.restream.core.config.CoreConfig;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.crypto.SecretBox;
import io.restream.core.redis.Redis;
import io.restream.platforms.PlatformAdapters;
import io.restream.worker.WorkerConfig;
import io.restream.worker.WorkerRole;

/**
 * A worker alone in its own JVM, configured from the environment (REDIS_URL and
 * RESTREAM_SECRETS_KEY required), for tests that kill a worker with SIGKILL. Prints
 * {@code WORKER_READY <id>} once it takes jobs, then runs until killed.
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment();
        Problems problems = new Problems();
        WorkerConfig config = WorkerConfig.from(settings, problems);
        CoreConfig core = CoreConfig.from(settings, problems);
        problems.throwIfAny();
        Redis redis = Redis.connect(core.redisUrl().orElseThrow());
        SecretBox box = SecretBox.fromConfig(core.secretsKeyBase64().orElseThrow(), core.secretsKeyFile());
        WorkerRole worker = new WorkerRole(config, core, redis, box, PlatformAdapters.pastedOnly());
        worker.start();
        System.out.println("WORKER_READY " + worker.workerId());
        System.out.flush();
        Thread.currentThread().join();
    }
}
