package io.restream.worker.testing;

import io.restream.core.config.CoreConfig;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.crypto.SecretBox;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.NewJob;
import io.restream.core.model.Connection;
import io.restream.core.model.Job;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.testing.TestRedis;
import io.restream.core.testing.TestSecrets;
import io.restream.platforms.PlatformAdapters;
import io.restream.worker.WorkerConfig;
import io.restream.worker.WorkerRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One test's world: real Redis, a fresh client and user, the one test secrets key, custom
 * connections to test receivers, workers in this JVM, and goLive through the real
 * {@link JobStore}. Closing it stops the jobs it created and the workers it started, then closes
 * the receivers it opened (and deletes the folder it made), so nothing leaks into the next test.
 * A test states it in one line: {@code @RegisterExtension final Fixture<TestWorld> world =
 * Fixture.perTest(TestWorld::inTempDir);}.
 */
public final class TestWorld implements AutoCloseable {
    public final Redis redis;
    public final SecretBox box;
    public final JobStore jobs;
    public final ConnectionStore connections;
    public final UserRef user = new UserRef("cli_" + UUID.randomUUID().toString().substring(0, 8), "user-1");
    public final Path dataDir;
    private final List<String> jobIds = new ArrayList<>();
    private final List<WorkerRole> workers = new ArrayList<>();
    private final List<RtmpReceiver> receivers = new ArrayList<>();
    private Path ownDir;

    public TestWorld(Path dataDir) {
        this(dataDir, TestRedis.connect());
    }

    /** A world on a Redis of the test's own (e.g. one the test kills and restarts). */
    public TestWorld(Path dataDir, Redis redis) {
        this.redis = redis;
        this.dataDir = dataDir;
        this.box = TestSecrets.box();
        this.jobs = new JobStore(redis);
        this.connections = new ConnectionStore(redis, box);
    }

    /** A world in a fresh temporary folder ({@code data/} inside it), deleted when the world closes. */
    public static TestWorld inTempDir() throws IOException {
        Path dir = Files.createTempDirectory("restream-world");
        TestWorld world = new TestWorld(dir.resolve("data"));
        world.ownDir = dir;
        return world;
    }

    /** The base64 secrets key, for a worker in another JVM. */
    public String secretsKeyBase64() { return TestSecrets.KEY; }

    /** A plain RTMP receiver for {@code key}, connected as {@code custom:<name>}, closed with the world. */
    public RtmpReceiver receiver(String name, String key) throws IOException {
        RtmpReceiver receiver = RtmpReceiver.plain(dataDir.resolveSibling("rx-" + name), key);
        receivers.add(receiver);
        addCustom(name, receiver);
        return receiver;
    }

    /** The worker settings tests use: sandbox, loopback allowed, 640x360 output. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("RESTREAM_DATA_DIR", dataDir.toString());
        env.put("RESTREAM_SANDBOX", "true");
        env.put("RESTREAM_ALLOW_PRIVATE_URLS", "true");
        env.put("RESTREAM_DEMO_SIZE", "640x360");
        env.put("RESTREAM_VIDEO_KBPS", "800");
        env.put("RESTREAM_AUDIO_KBPS", "96");
        return env;
    }

    public void addCustom(String name, RtmpReceiver receiver) {
        connections.put(user, new Connection("custom:" + name, Platform.CUSTOM, name, null, System.currentTimeMillis(), false),
                ConnectionSecrets.ingest(receiver.appUrl(), receiver.key())).toCompletableFuture().join();
    }

    public void addInstagram(String username, String url, String streamKey) {
        connections.put(user, new Connection("instagram", Platform.INSTAGRAM, username, null, System.currentTimeMillis(), false),
                ConnectionSecrets.ingest(url, streamKey)).toCompletableFuture().join();
    }

    public WorkerRole startWorker(Map<String, String> overrides) {
        Map<String, String> env = env();
        env.putAll(overrides);
        Settings settings = Settings.of(env);
        Problems problems = new Problems();
        WorkerConfig config = WorkerConfig.from(settings, problems);
        CoreConfig core = CoreConfig.from(settings, problems);
        problems.throwIfAny();
        WorkerRole worker = new WorkerRole(config, core, redis, box, PlatformAdapters.pastedOnly());
        worker.start();
        workers.add(worker);
        return worker;
    }

    public WorkerRole startWorker() { return startWorker(Map.of()); }

    public String goLive(String sessionId, List<String> destinations, Overlay overlay, boolean recording, List<String> tracks) {
        return goLive(sessionId, destinations, overlay, recording, tracks, null);
    }

    /** @param ingestJson per-job ingest overrides in clear ({@code {"instagram":{"url","streamKey"}}}), sealed here */
    public String goLive(String sessionId, List<String> destinations, Overlay overlay, boolean recording, List<String> tracks,
                         String ingestJson) {
        String id = "job_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String sealed = ingestJson == null ? null : box.encrypt(ingestJson);
        jobs.create(new NewJob(id, user, sessionId, destinations, tracks, overlay, recording, sealed, System.currentTimeMillis()))
                .toCompletableFuture().join();
        jobIds.add(id);
        return id;
    }

    public String goLive(String sessionId, List<String> destinations) {
        return goLive(sessionId, destinations, null, false, List.of("audio", "video"));
    }

    public Job job(String id) {
        return jobs.get(id).toCompletableFuture().join().orElseThrow().job();
    }

    public void stop(String id) {
        jobs.stop(id, System.currentTimeMillis()).toCompletableFuture().join();
    }

    @Override
    public void close() {
        for (String id : jobIds) {
            jobs.transition(id, List.of(JobStatus.QUEUED, JobStatus.RUNNING), JobStatus.STOPPING, Map.of()).toCompletableFuture().join();
        }
        for (WorkerRole w : workers) w.close();
        for (String id : jobIds) {
            jobs.transition(id, List.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.STOPPING), JobStatus.STOPPED, Map.of())
                    .toCompletableFuture().join();
        }
        redis.close();
        try {
            for (RtmpReceiver r : receivers) r.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ownDir != null) deleteTree(ownDir);
    }

    /** Best effort: a file a stopping FFmpeg still renames is left to the system's temp clean-up, not failed on. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("left in " + dir + ": " + e);
        }
    }
}
