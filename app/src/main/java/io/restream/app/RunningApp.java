package io.restream.app;

import io.restream.core.config.CoreConfig;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.crypto.SecretBox;
import io.restream.core.net.Redact;
import io.restream.core.redis.EmbeddedRedis;
import io.restream.core.redis.Redis;
import io.restream.platforms.PlatformAdapters;
import io.restream.service.ServiceConfig;
import io.restream.service.ServiceRole;
import io.restream.chat.ChatConfig;
import io.restream.core.connections.ConnectionStore;
import io.restream.platforms.OAuthConfig;
import io.restream.chat.ChatRole;
import io.restream.sim.PlatformSimulator;
import io.restream.sim.SimConfig;
import io.restream.worker.WorkerConfig;
import io.restream.worker.WorkerRole;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started process: whichever roles were asked for, over one Redis (embedded in the data dir
 * when {@code REDIS_URL} is unset). {@link #close} stops them in reverse order, so a worker hands
 * its jobs back before the API and Redis go away.
 */
public final class RunningApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningApp.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private int httpPort = -1;
    private volatile boolean closed;

    private RunningApp() {}

    public int httpPort() { return httpPort; }

    /** Starts {@code role} from {@code settings}, printing what the operator needs to {@code out}. */
    public static RunningApp start(Settings settings, Role role, PrintStream out) {
        return start(settings, role, out, created -> { });
    }

    /**
     * Like {@link #start(Settings, Role, PrintStream)}, telling {@code onCreated} of the app before
     * anything starts: the launcher registers its shutdown hook there, so that a SIGTERM that comes
     * while the roles are starting still stops what has started (an embedded Redis child included).
     */
    public static RunningApp start(Settings settings, Role role, PrintStream out, java.util.function.Consumer<RunningApp> onCreated) {
        RunningApp app = new RunningApp();
        onCreated.accept(app);
        try {
            app.startRoles(settings, role, out);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void startRoles(Settings settings, Role role, PrintStream out) {
        Problems problems = new Problems();
        CoreConfig core = CoreConfig.from(settings, problems);
        if (role != Role.ALL && role != Role.SIM && core.redisUrl().isEmpty()) {
            problems.add("REDIS_URL is required when running the '" + role.name().toLowerCase() + "' role alone "
                    + "(the embedded Redis only serves a single all-in-one process)");
        }
        createDataDir(core);
        AdminToken admin = AdminToken.resolve(settings.get("RESTREAM_ADMIN_TOKEN"), core.dataDir());
        ServiceConfig serviceConfig = ServiceConfig.from(settings, admin.value(), problems);
        WorkerConfig workerConfig = WorkerConfig.from(settings, problems);
        ChatConfig chatConfig = ChatConfig.from(settings, problems);
        SimConfig simConfig = SimConfig.from(settings, problems);
        Redis.Mode redisMode = Redis.Mode.from(settings, problems);
        if (redisMode == Redis.Mode.CLUSTER && core.redisUrl().isEmpty()) {
            problems.add("REDIS_MODE=cluster needs REDIS_URL with the cluster's seed nodes");
        }
        problems.throwIfAny();

        List<String> banner = new ArrayList<>();
        // The simulator stands in for the platforms in sandbox mode, so it starts first.
        Optional<String> simUrl = settings.get("RESTREAM_SIM_URL");
        if (role == Role.SIM || (role == Role.ALL && core.sandbox())) {
            PlatformSimulator sim = PlatformSimulator.start(simConfig);
            track(sim);
            simUrl = Optional.of(sim.baseUrl());
            banner.add("  Simulator:     " + sim.baseUrl() + "  (RTMP " + sim.rtmpPort() + ", RTMPS " + sim.rtmpsPort() + ")");
            if (role == Role.SIM) {
                printBanner(out, role, core, banner);
                return;
            }
        }
        String redisUrl = core.redisUrl().orElse(null);
        if (redisUrl == null) {
            EmbeddedRedis embedded = EmbeddedRedis.start(core.dataDir().resolve("redis"));
            track(embedded);
            redisUrl = embedded.url();
            banner.add("  Redis:         embedded, data in " + core.dataDir().resolve("redis"));
        } else if (redisMode == Redis.Mode.CLUSTER) {
            banner.add("  Redis:         cluster, seeds "
                    + java.util.Arrays.stream(redisUrl.split(",")).map(u -> Redact.url(u.trim())).collect(java.util.stream.Collectors.joining(",")));
        }
        Redis redis = Redis.connect(redisUrl, redisMode);
        track(redis);
        SecretBox box = SecretBox.fromConfig(core.secretsKeyBase64().orElse(null), core.secretsKeyFile());
        Vertx vertx = Vertx.vertx();
        track(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        PlatformAdapters adapters = platformAdapters(settings, core, simUrl, new ConnectionStore(redis, box));

        if (role.runs(Role.SERVICE)) {
            ServiceRole service = new ServiceRole(serviceConfig, core, redis, box, adapters, vertx);
            httpPort = service.start();
            track(service);
            PortFile.write(core.dataDir(), "http.port", httpPort);
            String url = serviceConfig.publicUrl().orElse("http://localhost:" + httpPort);
            banner.add(0, "  API:           " + url + "   (Studio: " + url + "/demo/)");
            if (admin.generatedNow()) {
                banner.add("  Admin token:   " + admin.value().reveal() + "  (generated now, shown once; kept in "
                        + core.dataDir().resolve("admin.token") + ")");
            }
            if (core.sandbox()) {
                if (role == Role.ALL) SandboxWebhooks.pointKickAt(simUrl.orElseThrow(), service.context().publicUrl());
                try {
                    banner.addAll(SandboxDemo.ensure(redis, httpPort, url, core.dataDir()));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create the sandbox demo client: " + e.getMessage(), e);
                }
            }
        }
        if (role.runs(Role.WORKER)) {
            WorkerRole worker = new WorkerRole(workerConfig, core, redis, box, adapters);
            worker.start();
            track(worker);
            banner.add("  Worker:        " + worker.workerId());
        }
        if (role.runs(Role.CHAT)) {
            ChatRole chat = new ChatRole(chatConfig, redis, box, adapters);
            chat.start();
            track(chat);
        }
        printBanner(out, role, core, banner);
    }

    /**
     * Every platform's adapters; in sandbox mode they point at the simulator: the one this process
     * started, or {@code RESTREAM_SIM_URL} (default {@code http://127.0.0.1:<RESTREAM_SIM_PORT>})
     * when roles run apart.
     */
    private static PlatformAdapters platformAdapters(Settings settings, CoreConfig core, Optional<String> simUrl, ConnectionStore connections) {
        Problems problems = new Problems();
        Optional<String> sim = simUrl.isPresent() || !core.sandbox()
                ? simUrl
                : Optional.of("http://127.0.0.1:" + settings.get("RESTREAM_SIM_PORT", Integer.toString(SimConfig.DEFAULT_PORT)));
        OAuthConfig config = OAuthConfig.from(settings, problems, core.sandbox(), sim);
        problems.throwIfAny();
        return PlatformAdapters.create(config, connections);
    }

    private static void printBanner(PrintStream out, Role role, CoreConfig core, List<String> banner) {
        out.println("Restream started (role " + role.name().toLowerCase() + (core.sandbox() ? ", sandbox" : "") + "):");
        banner.forEach(out::println);
        out.flush();
    }

    private static void createDataDir(CoreConfig core) {
        try {
            Files.createDirectories(core.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data dir " + core.dataDir(), e);
        }
    }

    /** Remembers {@code c} for {@link #close}; once closing has begun, closes it at once and stops the start-up. */
    private synchronized void track(AutoCloseable c) {
        if (closed) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly: {}", c.getClass().getSimpleName(), e.getMessage());
            }
            throw new IllegalStateException("shutting down");
        }
        started.push(c);
    }

    /** Stops every role, newest first; safe to call twice (the shutdown hook and a test). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly: {}", c.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
