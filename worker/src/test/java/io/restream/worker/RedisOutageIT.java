package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.jobs.StoredJob;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.JobStatus;
import io.restream.core.redis.Redis;
import io.restream.worker.testing.Ffprobe;
import io.restream.worker.testing.Processes;
import io.restream.worker.testing.RedisServer;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.TestWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis goes away for 5 s while a job is live: the stream goes on, and nothing runs twice afterwards. */
class RedisOutageIT {
    @TempDir Path tmp;
    private RedisServer redisServer;
    private TestWorld world;
    private RtmpReceiver receiver;

    @AfterEach
    void tearDown() throws Exception {
        if (world != null) world.close();
        if (receiver != null) receiver.close();
        if (redisServer != null) redisServer.close();
    }

    @Test
    void aFiveSecondRedisOutageLeavesTheStreamUninterruptedAndTheJobStoppableAfterwards() throws Exception {
        redisServer = new RedisServer(tmp.resolve("redis"));
        redisServer.start();
        world = new TestWorld(tmp.resolve("data"), Redis.connect(redisServer.url()));
        receiver = RtmpReceiver.plain(tmp.resolve("rx"), "key-r");
        world.addCustom("r", receiver);
        WorkerRole worker = world.startWorker();
        String jobId = world.goLive("demo-redis-outage", List.of("custom:r"));
        await("live").atMost(Duration.ofSeconds(20)).until(() -> world.job(jobId).status() == JobStatus.RUNNING
                && world.job(jobId).broadcasts().stream().allMatch(b -> b.state() == BroadcastState.LIVE)
                && receiver.latestBytes() > 50_000);

        redisServer.kill();
        long killed = System.nanoTime();
        long before = receiver.latestBytes();
        await("media keeps flowing through 5 s without Redis").atMost(Duration.ofSeconds(20)).until(() ->
                System.nanoTime() - killed >= Duration.ofSeconds(5).toNanos() && receiver.latestBytes() > before + 200_000);
        assertEquals(1, worker.jobIds().size(), "the worker still runs the job");
        redisServer.start();
        long back = System.nanoTime();

        await("state readable again and intact").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            StoredJob j = world.jobs.get(jobId).toCompletableFuture().join().orElseThrow();
            return j.job().status() == JobStatus.RUNNING && worker.workerId().equals(j.workerId());
        });
        await("the lease is this worker's again").atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> world.jobs.isLeased(jobId).toCompletableFuture().join());
        long afterReturn = receiver.latestBytes();
        await("media goes on well past the old lease's expiry").atMost(Duration.ofSeconds(30)).until(() ->
                System.nanoTime() - back >= Duration.ofSeconds(10).toNanos() && receiver.latestBytes() > afterReturn + 200_000);

        assertEquals(1, receiver.connections(), "one publish session throughout");
        assertEquals(1, receiver.maxConcurrent(), "never two publishers");
        assertEquals(List.of(jobId), worker.jobIds(), "the job runs once");
        assertEquals(1, Processes.workerFfmpegs().size(), "one encoder (the push runs in the JVM)");
        assertEquals(0, world.job(jobId).broadcasts().get(0).reconnects(), "no reconnect counted");
        List<Double> video = Ffprobe.packets(receiver.latest()).stream().filter(p -> p.type().equals("video"))
                .map(Ffprobe.Packet::pts).sorted().toList();
        double maxGap = 0;
        for (int i = 1; i < video.size(); i++) maxGap = Math.max(maxGap, video.get(i) - video.get(i - 1));
        assertTrue(maxGap < 0.1, "largest gap between received video frames " + maxGap + " s");

        world.stop(jobId);
        await("stoppable afterwards").atMost(Duration.ofSeconds(15)).until(() -> world.job(jobId).status() == JobStatus.STOPPED);
        await("its publish ended").atMost(Duration.ofSeconds(5)).until(() -> receiver.connectedNow() == 0);
    }
}
