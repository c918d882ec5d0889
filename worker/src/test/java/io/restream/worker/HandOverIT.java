package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.jobs.StoredJob;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.Job;
import io.restream.core.model.JobStatus;
import io.restream.core.testing.TestRedis;
import io.restream.core.workers.WorkerRegistry;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.TestWorld;
import io.restream.worker.testing.WorkerMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job changes hands: superseded by a newer job, or taken over from a worker that died. */
class HandOverIT {
    @TempDir Path tmp;
    private TestWorld world;
    private final List<RtmpReceiver> receivers = new ArrayList<>();
    private Process child;

    @AfterEach
    void tearDown() throws Exception {
        if (child != null) {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
        if (world != null) world.close();
        for (RtmpReceiver r : receivers) r.close();
    }

    private List<String> destinations(int n) throws Exception {
        world = new TestWorld(tmp.resolve("data"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "d" + i;
            RtmpReceiver r = RtmpReceiver.plain(tmp.resolve("rx-" + name), "key-" + name);
            receivers.add(r);
            world.addCustom(name, r);
            ids.add("custom:" + name);
        }
        return ids;
    }

    private boolean allLive(String jobId) {
        Job j = world.job(jobId);
        return j.broadcasts().stream().allMatch(b -> b.state() == BroadcastState.LIVE);
    }

    @Test
    void aSupersedingJobReachesEveryDestinationWithinFiveSecondsAndNoReceiverEverHasTwoPublishers() throws Exception {
        List<String> ids = destinations(3);
        world.startWorker();
        world.startWorker();
        String first = world.goLive("demo-first", ids);
        await("first live").atMost(Duration.ofSeconds(15)).until(() -> allLive(first)
                && receivers.stream().allMatch(r -> r.latestBytes() > 50_000));

        long goLive = System.nanoTime();
        String second = world.goLive("demo-second", ids);
        await("second job at every destination").atMost(Duration.ofSeconds(10)).until(() ->
                receivers.stream().allMatch(r -> r.connections() == 2 && r.latestBytes() > 10_000));
        long reachedMs = (System.nanoTime() - goLive) / 1_000_000;
        System.out.println("[measure] superseding job at every destination " + reachedMs + " ms after goLive");
        assertTrue(reachedMs < 5000, "the new job reached every destination after " + reachedMs + " ms");
        await("second live").atMost(Duration.ofSeconds(5)).until(() -> allLive(second));

        Job old = world.job(first);
        assertEquals(JobStatus.STOPPED, old.status());
        assertEquals(second, old.supersededBy());
        assertTrue(old.broadcasts().stream().allMatch(b -> b.state() == BroadcastState.STOPPED), "old pushes closed");
        for (RtmpReceiver r : receivers) assertEquals(1, r.maxConcurrent(), r.key() + " had two publishers at once");
    }

    @Test
    void aJobOfAWorkerKilledWithSigkillIsTakenOverByAnotherWorkerWithinFifteenSeconds() throws Exception {
        List<String> ids = destinations(2);
        child = startChildWorker("child-" + System.nanoTime());
        String jobId = world.goLive("demo-takeover", ids);
        await("live on the child worker").atMost(Duration.ofSeconds(20)).until(() -> allLive(jobId)
                && world.job(jobId).status() == JobStatus.RUNNING && receivers.stream().allMatch(r -> r.latestBytes() > 50_000));
        StoredJob onChild = world.jobs.get(jobId).toCompletableFuture().join().orElseThrow();
        assertTrue(onChild.workerId().startsWith("child-"), "claimed by " + onChild.workerId());
        List<ProcessHandle> childFfmpegs = child.descendants().toList();
        assertTrue(childFfmpegs.size() >= 1, "the encoder in the child (pushes run in its JVM): " + childFfmpegs.size());

        WorkerRole survivor = world.startWorker();
        child.destroyForcibly(); // SIGKILL: no hand-back, no clean-up code runs
        long killed = System.nanoTime();
        child.waitFor(10, TimeUnit.SECONDS);

        await("the dead worker's FFmpeg children are gone").atMost(Duration.ofSeconds(10))
                .until(() -> childFfmpegs.stream().noneMatch(ProcessHandle::isAlive));
        await("taken over and live again").atMost(Duration.ofSeconds(20)).until(() -> {
            StoredJob j = world.jobs.get(jobId).toCompletableFuture().join().orElseThrow();
            return survivor.workerId().equals(j.workerId()) && allLive(jobId)
                    && receivers.stream().allMatch(r -> r.connections() >= 2 && r.latestBytes() > 10_000);
        });
        long tookMs = (System.nanoTime() - killed) / 1_000_000;
        System.out.println("[measure] taken over and live " + tookMs + " ms after SIGKILL");
        assertTrue(tookMs < 15_000, "taken over and live after " + tookMs + " ms");
        await("still running").atMost(Duration.ofSeconds(2)).until(() -> world.job(jobId).status() == JobStatus.RUNNING);
        Job job = world.job(jobId);
        assertTrue(job.broadcasts().stream().allMatch(b -> b.reconnects() >= 1), "counted as reconnects: " + job.broadcasts());
        for (RtmpReceiver r : receivers) assertEquals(1, r.maxConcurrent(), r.key() + " had two publishers at once");
    }

    @Test
    void aWorkerThatShutsDownHandsItsJobBackAndAnotherTakesItOverAtOnce() throws Exception {
        List<String> ids = destinations(2);
        WorkerRole leaving = world.startWorker();
        String jobId = world.goLive("demo-handback", ids);
        await("live").atMost(Duration.ofSeconds(15)).until(() -> allLive(jobId) && world.job(jobId).status() == JobStatus.RUNNING);
        WorkerRegistry registry = new WorkerRegistry(world.redis);
        await("registered with its job").atMost(Duration.ofSeconds(5)).until(() -> registry.list().toCompletableFuture().join().stream()
                .anyMatch(w -> w.id().equals(leaving.workerId()) && w.jobs().contains(jobId)));
        List<Long> pids = leaving.ffmpegPids();
        assertEquals(1, pids.size(), "the encoder (pushes run in the JVM)");

        WorkerRole staying = world.startWorker();
        long closing = System.nanoTime();
        leaving.close();
        assertTrue(pids.stream().noneMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)),
                "no FFmpeg of the closed worker is left");
        assertTrue(registry.list().toCompletableFuture().join().stream().noneMatch(w -> w.id().equals(leaving.workerId())),
                "left the registry");
        await("taken over").atMost(Duration.ofSeconds(10)).until(() -> {
            StoredJob j = world.jobs.get(jobId).toCompletableFuture().join().orElseThrow();
            return staying.workerId().equals(j.workerId()) && allLive(jobId);
        });
        long tookMs = (System.nanoTime() - closing) / 1_000_000;
        System.out.println("[measure] handed back and live on another worker " + tookMs + " ms after close()");
        assertTrue(tookMs < 8000, "took " + tookMs + " ms");
        assertEquals(JobStatus.RUNNING, world.job(jobId).status());
        for (RtmpReceiver r : receivers) assertEquals(1, r.maxConcurrent(), r.key() + " had two publishers at once");
    }

    private Process startChildWorker(String workerId) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName());
        Map<String, String> env = pb.environment();
        env.putAll(world.env());
        env.put("REDIS_URL", TestRedis.url());
        env.put("RESTREAM_SECRETS_KEY", world.secretsKeyBase64());
        env.put("RESTREAM_WORKER_ID", workerId);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("WORKER_READY")) {
                        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "child-worker-output");
                        drain.setDaemon(true);
                        drain.start();
                        return true;
                    }
                }
            } catch (java.io.IOException e) {
                return false;
            }
            return false;
        });
        try {
            assertTrue(ready.get(90, TimeUnit.SECONDS), "the child worker started"); // generous: a loaded machine starts JVMs slowly
        } catch (java.util.concurrent.TimeoutException | AssertionError e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly(); // no orphan worker left behind to take the next test's jobs
            throw e;
        }
        return p;
    }
}
