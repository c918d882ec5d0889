import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.crypto.SecretBox;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.NewJob;
import io.restream.core.model.Connection;
import io.restream.core.model.Job;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.sim.PlatformSimulator;
import io.restream.sim.SimConfig;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.RtmpSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * WebRTC sources against an RTMP source, in one run: goLive → job running and → first media at a
 * loopback RTMP receiver, and CPU-seconds per minute of the worker JVM with all its children
 * (encoder, pusher, and for WebRTC the helper JVM that receives and decodes), from
 * {@code /proc/<pid>/stat}. Every source is 640x360 at 30 fps; the simulator's publishers run in
 * this JVM, so their cost is not counted. Each scenario starts a fresh worker JVM.
 * Usage: {@code BENCH_WEBRTC=1 bench/worker/run.sh [seconds] [warm-up]}.
 */
public final class WebRtcBench {
    private static final long CLK_TCK = 100;

    record Scenario(String name, String source, List<String> tracks) {}

    record Result(Scenario s, long runningMs, long firstMediaMs, double cpuPerMin, double helperCpuPerMin) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path out = Path.of(args.length > 2 ? args[2] : "bench/worker/results-webrtc.md");
        BenchStore store = BenchStore.open("restream-webrtc-bench");
        List<Scenario> scenarios = List.of(
                new Scenario("RTMP source, video only (encoded, silence)", "rtmp", List.of("video")),
                new Scenario("WHEP source, video only (encoded, silence)", "whep", List.of("video")),
                new Scenario("RTMP source, audio + video (H.264/AAC: copied)", "rtmp", List.of("audio", "video")),
                new Scenario("WHEP source, audio + video (VP8/Opus: decoded, encoded)", "whep", List.of("audio", "video")),
                new Scenario("Cloudflare Realtime source, audio + video", "calls", List.of("audio", "video")));
        List<Result> results = new ArrayList<>();
        try (store; Redis redis = Redis.connect(store.redisUrl()); PlatformSimulator sim = PlatformSimulator.start(SimConfig.ephemeral(true));
             RtmpSource rtmp = new RtmpSource("640x360", 60)) {
            for (Scenario s : scenarios) {
                String template = switch (s.source()) {
                    case "rtmp" -> rtmp.template();
                    case "whep" -> "whep+" + sim.baseUrl() + "/whep/{id}";
                    default -> "calls+" + sim.baseUrl() + "/v1/apps/bench";
                };
                results.add(run(s, template, redis, store.redisUrl(), store.key(), store.tmp(), seconds, warmup));
            }
        }
        String report = report(results, seconds, warmup);
        System.out.println(report);
        Files.writeString(out, report);
        System.exit(0);
    }

    private static Result run(Scenario s, String template, Redis redis, String redisUrl, byte[] key, Path tmp, int seconds, int warmup)
            throws Exception {
        System.out.println("== " + s.name());
        JobStore jobs = new JobStore(redis);
        UserRef user = new UserRef("bench_" + UUID.randomUUID().toString().substring(0, 8), "bench");
        Path dir = tmp.resolve(user.clientId());
        Process worker = null;
        try (RtmpReceiver rx = RtmpReceiver.plain(dir.resolve("rx"), "key")) {
            new ConnectionStore(redis, new SecretBox(key)).put(user, new Connection("custom:rx", Platform.CUSTOM, "rx", null,
                    System.currentTimeMillis(), false), ConnectionSecrets.ingest(rx.appUrl(), rx.key())).toCompletableFuture().join();
            worker = WorkerBench.startWorker(redisUrl, key, dir, template);
            String jobId = "job_bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            long t0 = System.nanoTime();
            jobs.create(new NewJob(jobId, user, "webrtc-bench", List.of("custom:rx"), s.tracks(), null, false, null,
                    System.currentTimeMillis())).toCompletableFuture().join();
            long running = -1;
            long media = -1;
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (running < 0 || media < 0) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("not live: " + job(jobs, jobId));
                if (running < 0 && job(jobs, jobId).status() == JobStatus.RUNNING) running = (System.nanoTime() - t0) / 1_000_000;
                if (media < 0 && rx.latestBytes() > 20_000) media = (System.nanoTime() - t0) / 1_000_000;
                Thread.sleep(50);
            }
            Thread.sleep(warmup * 1000L);
            long pid = worker.pid();
            long helper = helperPid(pid);
            long cpu0 = cpuTicks(pid);
            long h0 = helper > 0 ? ticks(helper) : 0;
            long w0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu1 = cpuTicks(pid);
            long h1 = helper > 0 ? ticks(helper) : 0;
            double elapsed = (System.nanoTime() - w0) / 1e9;
            jobs.stop(jobId, System.currentTimeMillis()).toCompletableFuture().join();
            Result r = new Result(s, running, media, (cpu1 - cpu0) / (double) CLK_TCK / elapsed * 60,
                    (h1 - h0) / (double) CLK_TCK / elapsed * 60);
            System.out.printf(Locale.ROOT, "   running %d ms, first media %d ms, %.1f CPU-s/min (helper %.1f)%n",
                    r.runningMs(), r.firstMediaMs(), r.cpuPerMin(), r.helperCpuPerMin());
            deadline = System.nanoTime() + 20_000_000_000L;
            while (job(jobs, jobId).status() != JobStatus.STOPPED && System.nanoTime() < deadline) Thread.sleep(200);
            return r;
        } finally {
            if (worker != null) {
                worker.descendants().forEach(ProcessHandle::destroyForcibly);
                worker.destroyForcibly();
                worker.waitFor();
            }
        }
    }

    private static long helperPid(long worker) {
        return ProcessHandle.of(worker).map(h -> h.descendants().filter(d -> cmdline(d.pid()).contains("WebRtcPullMain"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1)).orElse(-1L);
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline"));
        } catch (Exception e) {
            return "";
        }
    }

    /** utime + stime of a process and all its descendants, in clock ticks. */
    private static long cpuTicks(long pid) {
        long total = ticks(pid);
        for (ProcessHandle h : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) total += ticks(h.pid());
        return total;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return 0;
        }
    }

    private static Job job(JobStore jobs, String id) {
        return jobs.get(id).toCompletableFuture().join().orElseThrow().job();
    }

    private static String report(List<Result> results, int seconds, int warmup) throws Exception {
        StringBuilder b = new StringBuilder("# Worker benchmark: WebRTC sources vs an RTMP source\n\n");
        b.append(String.format(Locale.ROOT, "Machine: %d cores (`nproc`), load average at the end %s. Each scenario: a fresh worker JVM, "
                + "one RTMP destination on loopback, 640x360 30 fps in and out (x264 veryfast, 3000 kbps), CPU measured for %d s after %d s "
                + "of warm-up, scaled to one minute. `BENCH_WEBRTC=1 bench/worker/run.sh %d %d`.%n%n",
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).split(" ")[0], seconds, warmup, seconds, warmup));
        b.append("| scenario | goLive → running (ms) | goLive → first media at the destination (ms) | worker CPU-s per minute (JVM + children) | of which the WebRTC helper |\n");
        b.append("|---|---|---|---|---|\n");
        for (Result r : results) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %s |%n", r.s().name(), r.runningMs(), r.firstMediaMs(), r.cpuPerMin(),
                    r.s().source().equals("rtmp") ? "–" : String.format(Locale.ROOT, "%.1f", r.helperCpuPerMin())));
        }
        return b.toString();
    }
}
