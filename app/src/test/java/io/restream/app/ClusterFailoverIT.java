package io.restream.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.app.deploy.Http;
import io.restream.app.deploy.RedisNodes;
import io.restream.app.deploy.RoleProcess;
import io.restream.app.deploy.Studio;
import io.restream.core.crypto.Tokens;
import io.restream.core.redis.RedisKeys;
import io.restream.core.testing.TestSecrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A running job's media through Redis Cluster failovers of the master that holds the job (its hash,
 * its lease): first a manual {@code CLUSTER FAILOVER} on that master's replica, then {@code kill -9}
 * of the new master, so that the old one (now its replica) takes over. Real redis-server processes
 * (3 masters + 3 replicas, AOF {@code always}, {@code cluster-node-timeout 2000}), the simulator's
 * loopback RTMP ingest as the destination, one API node and two workers with the default lease and
 * heartbeat. After each failover, for longer than a lease: the one publish the job started with is
 * still live and still receiving video (no reconnect, no second publish), the job stays
 * {@code running} on the same worker (the other never takes it), and the API answers 2xx or
 * {@code 503 unavailable} only, and 200 again within 15 s of the kill.
 */
class ClusterFailoverIT {
    /** Longer than the default lease (7 s) plus two heartbeats: a lost lease would have shown. */
    private static final Duration WATCH = Duration.ofSeconds(15);

    @Test
    void aRunningJobsMediaGoesOnThroughAManualFailoverAndAMastersKill() throws Exception {
        String admin = "adm_" + Tokens.random(24);
        List<RoleProcess> roles = new ArrayList<>();
        ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
        AtomicInteger probes = new AtomicInteger();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "prober");
            t.setDaemon(true);
            return t;
        });
        try (RedisNodes redis = RedisNodes.cluster()) {
            RoleProcess sim = RoleProcess.start("sim", Map.of("RESTREAM_SIM_AUTO_APPROVE", "true")).awaitReady();
            roles.add(sim);
            Map<String, String> env = new HashMap<>(Map.of("REDIS_MODE", "cluster", "REDIS_URL", redis.url(),
                    "RESTREAM_ADMIN_TOKEN", admin, "RESTREAM_SECRETS_KEY", TestSecrets.KEY, "RESTREAM_SIM_URL", sim.simUrl(),
                    "RESTREAM_DEMO_SIZE", "320x180", "RESTREAM_VIDEO_KBPS", "300"));
            RoleProcess api = RoleProcess.start("service", env);
            Map<String, String> workerEnv = new HashMap<>(env);
            workerEnv.put("REDIS_URL", redis.oneSeed());
            RoleProcess worker1 = RoleProcess.start("worker", workerEnv);
            RoleProcess worker2 = RoleProcess.start("worker", workerEnv);
            roles.addAll(List.of(api, worker1, worker2));
            for (RoleProcess r : roles) r.awaitReady();
            String a = api.baseUrl();
            String simUrl = sim.simUrl();

            Studio studio = new Studio(admin);
            Map<String, String> user = studio.newUser(a);
            studio.connect(a, user, "twitch");
            String jobId = studio.goLive(a, user, "demo-failover", List.of("twitch")).get("id").asText();
            await("the job runs and its media reaches the simulated Twitch").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> studio.job(a, user, jobId).get("status").asText().equals("running") && Studio.liveFrames(simUrl, "twitch") > 30);
            assertEquals(1, Studio.ingest(simUrl, "twitch").size(), "one publish");
            String holder = leaseHolder(redis, jobId);
            RoleProcess running = worker1.log().contains(holder) ? worker1 : worker2;
            RoleProcess other = running == worker1 ? worker2 : worker1;

            prober.scheduleWithFixedDelay(() -> {
                Http.Answer r = Http.call("GET", a + "/api/v1/jobs/" + jobId, user, null, Duration.ofSeconds(15));
                boolean fine = r.status() == 200 && r.body().contains("\"running\"")
                        || r.status() == 503 && r.errorCode().equals("unavailable");
                if (!fine) bad.add(r.status() + " " + r.body());
                probes.incrementAndGet();
            }, 0, 250, TimeUnit.MILLISECONDS);

            // 1. Manual failover: the replica of the job's master takes over, the old master steps down.
            int master = redis.masterOf(RedisKeys.job(jobId));
            int replica = replicaOf(redis, master);
            assertTrue(redis.cli(replica, "cluster", "failover").contains("OK"), "CLUSTER FAILOVER accepted");
            await("the replica is the job's master").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> redis.masterOf(RedisKeys.job(jobId)) == replica);
            System.out.println("failover (manual): " + master + " → " + replica);
            mediaGoesOn(simUrl, studio, a, user, jobId, "after the manual failover");

            // 2. kill -9 of the job's master: its replica (the first master) is promoted.
            int killed = redis.masterOf(RedisKeys.job(jobId));
            redis.kill9(killed);
            long killedAt = System.currentTimeMillis();
            await("the service answers 200 within 15 s of the kill").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Http.call("GET", a + "/api/v1/jobs/" + jobId, user, null, Duration.ofSeconds(10)).status() == 200);
            System.out.println("failover (kill -9 of " + killed + "): API 200 again " + (System.currentTimeMillis() - killedAt) + " ms after the kill");
            await("a replica is promoted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> redis.masterOf(RedisKeys.job(jobId)) != killed);
            mediaGoesOn(simUrl, studio, a, user, jobId, "after the master's kill -9");

            assertEquals(holder, leaseHolder(redis, jobId), "the job stayed on its worker");
            assertFalse(running.log().contains("lease lost"), "the running worker never lost the lease:\n" + running.log());
            assertFalse(other.log().contains(jobId), "the other worker never touched the job:\n" + other.log());
            prober.shutdown();
            assertTrue(prober.awaitTermination(20, TimeUnit.SECONDS));
            assertTrue(probes.get() > 40, "the prober ran: " + probes.get());
            assertTrue(bad.isEmpty(), "answers other than 200 running / 503 unavailable: " + bad);

            JsonNode stopped = Http.ok(202, "POST", a + "/api/v1/jobs/" + jobId + "/stop", user, null);
            assertEquals("stopping", stopped.get("status").asText());
            await("the job stops").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> studio.job(a, user, jobId).get("status").asText().equals("stopped"));
        } finally {
            prober.shutdownNow();
            roles.forEach(RoleProcess::close);
        }
    }

    /**
     * For {@link #WATCH}: still exactly one publish at the destination, live, its video frames
     * growing in every 3 s window; the job {@code running} whenever the API answers.
     */
    private static void mediaGoesOn(String simUrl, Studio studio, String api, Map<String, String> user, String jobId, String when) {
        long[] last = {frames(simUrl)};
        long[] lastAt = {System.currentTimeMillis()};
        long start = System.currentTimeMillis();
        await(when + ": media goes on").during(WATCH).atMost(WATCH.plusSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode sessions = Studio.ingest(simUrl, "twitch");
            if (sessions.size() != 1) throw new AssertionError(when + ": a second publish at the destination: " + sessions);
            if (!sessions.get(0).path("state").asText().equals("live")) throw new AssertionError(when + ": the publish ended: " + sessions);
            long now = System.currentTimeMillis();
            if (now - lastAt[0] >= 3000) {
                long f = sessions.get(0).path("videoFrames").asLong();
                if (f <= last[0]) throw new AssertionError(when + ": no video for 3 s (" + f + " frames)");
                last[0] = f;
                lastAt[0] = now;
            }
            Http.Answer job = Http.call("GET", api + "/api/v1/jobs/" + jobId, user, null, Duration.ofSeconds(10));
            if (job.status() == 200 && !job.body().contains("\"running\"")) throw new AssertionError(when + ": " + job.body());
            return true;
        });
        System.out.println(when + ": one publish, live for " + (System.currentTimeMillis() - start) + " ms more, " + frames(simUrl) + " video frames");
    }

    private static long frames(String simUrl) {
        return Studio.ingest(simUrl, "twitch").get(0).path("videoFrames").asLong();
    }

    private static String leaseHolder(RedisNodes redis, String jobId) {
        String holder = redis.cli(redis.masterOf(RedisKeys.lease(jobId)), "get", RedisKeys.lease(jobId)).trim();
        assertFalse(holder.isEmpty(), "the job's lease is held");
        return holder;
    }

    /** The port of a replica of the master on {@code masterPort}, from {@code CLUSTER NODES}. */
    private static int replicaOf(RedisNodes redis, int masterPort) {
        String nodes = redis.cli(masterPort, "cluster", "nodes");
        String masterId = null;
        for (String line : nodes.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length > 2 && f[2].contains("myself")) masterId = f[0];
        }
        for (String line : nodes.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length > 3 && f[2].contains("slave") && !f[2].contains("fail") && f[3].equals(masterId)) {
                return Integer.parseInt(f[1].split("@")[0].split(":")[1]);
            }
        }
        throw new AssertionError("no replica of " + masterPort + ":\n" + nodes);
    }
}
