package io.restream.testkit;

import io.restream.core.config.CoreConfig;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.worker.WorkerConfig;
import io.restream.worker.WorkerRole;

/**
 * A worker for a test class, on the API's Redis, secrets key and platform adapters, with a small
 * demo source (640x360, 800 kbps, 25 fps) to spare a loaded CPU.
 */
public final class WorkerKit extends Kit {
    private final ServiceKit service;
    private WorkerRole worker;

    private WorkerKit(ServiceKit service) {
        this.service = service;
    }

    public static WorkerKit beside(ServiceKit service) {
        return new WorkerKit(service);
    }

    @Override
    protected void doStart() {
        service.start();
        Settings s = service.api().settings.with("RESTREAM_DEMO_SIZE", "640x360").with("RESTREAM_VIDEO_KBPS", "800")
                .with("RESTREAM_OUTPUT_FPS", "25");
        Problems problems = new Problems();
        WorkerConfig config = WorkerConfig.from(s, problems);
        CoreConfig core = CoreConfig.from(s, problems);
        problems.throwIfAny();
        worker = new WorkerRole(config, core, service.redisKit().redis(), service.api().box, service.adapters());
        worker.start();
    }

    public WorkerRole worker() {
        requireStarted();
        return worker;
    }

    @Override
    protected void doClose() {
        worker.close();
    }
}
