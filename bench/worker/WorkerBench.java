import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.crypto.SecretBox;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.NewJob;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.Connection;
import io.restream.core.model.Job;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.WorkerMain;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * Worker benchmark: CPU-seconds of the worker process and all its FFmpeg children per minute of
 * 720p30 output, and the latency the worker adds between source and destination.
 *
 * <p>Each scenario runs a worker in its own JVM (the test sources' {@code WorkerMain}), pulling an
 * RTMP origin on loopback whose frames carry their generation time as a barcode. One destination
 * is a latency probe that decodes the barcode on arrival; the others are RTMP receivers recording
 * to disk. CPU is the worker's whole process tree ({@link CpuTree}) at the start and end of the
 * measuring window, after a warm-up. The peers (FFmpeg tee, N encodes) and the latency table are
 * {@link PeerBench}'s.
 *
 * <p>Usage: {@code WorkerBench <seconds per scenario> <warm-up seconds> <output.md>}
 */
public final class WorkerBench {
    private static final long CLK_TCK = 100;

    /** {@code overlay}: none, png (a top banner) or html (the animated page of {@link HtmlBench}). */
    record Scenario(String name, int destinations, String overlay, String sourceAudio) {
        boolean banner() { return !overlay.equals("none"); }
    }

    record Result(Scenario s, String mode, double cpuSecondsPerMinute, double seconds, long p50, long p95, int samples,
                  HtmlBench.Extra extra) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path out = Path.of(args.length > 2 ? args[2] : "bench/worker/results.md");
        BenchStore store = BenchStore.open("restream-bench");
        List<Scenario> scenarios = List.of(
                // An MP3 source cannot be copied (AAC is required), so these re-encode.
                new Scenario("encode, 1 destination", 1, "none", "libmp3lame"),
                new Scenario("encode, 3 destinations", 3, "none", "libmp3lame"),
                new Scenario("encode, 5 destinations + top banner", 5, "png", "libmp3lame"),
                new Scenario("copy (H.264/AAC source), 5 destinations", 5, "none", "aac"),
                new Scenario("encode, 2 destinations + PNG banner", 2, "png", "libmp3lame"),
                new Scenario("encode, 2 destinations + animated HTML banner", 2, "html", "libmp3lame"));
        String only = System.getenv("BENCH_ONLY_BANNERS");
        if (only != null) scenarios = only.equals("html") ? scenarios.subList(5, 6) : scenarios.subList(4, 6);
        String pick = System.getenv("BENCH_SCENARIOS"); // e.g. "0,2": only these (for a quick look)
        if (pick != null) {
            List<Scenario> all = scenarios;
            scenarios = java.util.Arrays.stream(pick.split(",")).map(i -> all.get(Integer.parseInt(i.trim()))).toList();
        }
        List<Result> results = new ArrayList<>();
        long[] baseline;
        try (store; Redis redis = Redis.connect(store.redisUrl())) {
            baseline = baseline(seconds / 2);
            for (Scenario s : scenarios) results.add(run(s, redis, store.redisUrl(), store.key(), store.tmp(), seconds, warmup));
        }
        String report = report(results, baseline, seconds);
        System.out.println(report);
        Files.writeString(out, report);
    }

    /** Latency origin → decoder with no worker in between: p50, p95. */
    private static long[] baseline(int seconds) throws Exception {
        try (ClockStreams.Origin origin = new ClockStreams.Origin("aac");
             ClockStreams.LatencyProbe probe = ClockStreams.LatencyProbe.pull(origin.url("direct"))) {
            sleep(5);
            probe.record(true);
            sleep(seconds);
            List<Long> s = probe.samples();
            return new long[] {percentile(s, 50), percentile(s, 95), s.size()};
        }
    }

    private static Result run(Scenario s, Redis redis, String redisUrl, byte[] key, Path tmp, int seconds, int warmup) throws Exception {
        System.out.println("== " + s.name());
        SecretBox box = new SecretBox(key);
        ConnectionStore connections = new ConnectionStore(redis, box);
        JobStore jobs = new JobStore(redis);
        UserRef user = new UserRef("bench_" + UUID.randomUUID().toString().substring(0, 8), "bench");
        List<RtmpReceiver> receivers = new ArrayList<>();
        List<String> destinations = new ArrayList<>();
        com.sun.net.httpserver.HttpServer http = bannerServer();
        Process worker = null;
        try (ClockStreams.Origin origin = new ClockStreams.Origin(s.sourceAudio());
             ClockStreams.LatencyProbe probe = ClockStreams.LatencyProbe.listen()) {
            put(connections, user, "probe", probe.appUrl(), "probe");
            destinations.add("custom:probe");
            for (int i = 1; i < s.destinations(); i++) {
                RtmpReceiver r = RtmpReceiver.plain(tmp.resolve(user.clientId() + "-rx" + i), "key" + i);
                receivers.add(r);
                put(connections, user, "rx" + i, r.appUrl(), r.key());
                destinations.add("custom:rx" + i);
            }
            worker = startWorker(redisUrl, key, tmp.resolve(user.clientId()), origin.template());
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            Overlay overlay = switch (s.overlay()) {
                case "png" -> new Overlay(null, base + "/top.png", null, null, null, null);
                case "html" -> new Overlay(base + "/animated.html", null, null, null, null, null);
                default -> null;
            };
            String jobId = "job_bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            jobs.create(new NewJob(jobId, user, "cam", destinations, List.of("audio", "video"), overlay, false, null,
                    System.currentTimeMillis())).toCompletableFuture().join();
            long deadline = System.nanoTime() + 90_000_000_000L; // generous: a loaded machine starts JVMs slowly
            while (!allLive(jobs, jobId)) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("job not live: " + job(jobs, jobId));
                sleep(0.2);
            }
            sleep(warmup);
            long pid = worker.pid();
            long cpu0 = cpuTicks(pid);
            CpuTree.Sample tree0 = CpuTree.sample(List.of(pid));
            CpuTree.Sample bench0 = CpuTree.sample(List.of(ProcessHandle.current().pid()));
            HtmlBench.startWindow(pid);
            long t0 = System.nanoTime();
            probe.record(true);
            sleep(seconds);
            long cpu1 = cpuTicks(pid);
            CpuTree.Sample tree1 = CpuTree.sample(List.of(pid));
            CpuTree.Sample bench1 = CpuTree.sample(List.of(ProcessHandle.current().pid()));
            HtmlBench.endWindow(pid);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            System.out.println("   worker tree: " + CpuTree.breakdown(tree0, tree1, elapsed));
            System.out.println("   bench side (origin, probe, receivers): " + CpuTree.breakdown(bench0, bench1, elapsed));
            probe.record(false);
            HtmlBench.Extra extra = s.banner()
                    ? HtmlBench.extra(pid, s.overlay(), jobs, jobId, base, probe, tmp.resolve(user.clientId() + ".log"))
                    : null;
            List<Long> lat = probe.samples();
            Job job = job(jobs, jobId);
            String mode = Files.readString(tmp.resolve(user.clientId() + ".log")).contains("→ COPY") ? "copy" : "encode";
            if (!job.broadcasts().stream().allMatch(b -> b.state() == BroadcastState.LIVE && b.reconnects() == 0)) {
                System.out.println("warning: not every destination stayed live: " + job.broadcasts());
            }
            jobs.stop(jobId, System.currentTimeMillis()).toCompletableFuture().join();
            deadline = System.nanoTime() + 20_000_000_000L;
            while (job(jobs, jobId).status() != JobStatus.STOPPED && System.nanoTime() < deadline) sleep(0.2);
            double cpuPerMin = (cpu1 - cpu0) / (double) CLK_TCK / elapsed * 60;
            Result r = new Result(s, mode, cpuPerMin, elapsed, percentile(lat, 50), percentile(lat, 95), lat.size(), extra);
            System.out.printf(Locale.ROOT, "   %s: %.1f CPU-s/min, latency p50 %d ms p95 %d ms (%d frames) %s%n",
                    mode, cpuPerMin, r.p50(), r.p95(), r.samples(), extra == null ? "" : extra);
            return r;
        } finally {
            if (worker != null) {
                worker.descendants().forEach(ProcessHandle::destroyForcibly);
                worker.destroyForcibly();
                worker.waitFor();
            }
            for (RtmpReceiver r : receivers) r.close();
            http.stop(0);
        }
    }

    static Process startWorker(String redisUrl, byte[] key, Path dataDir, String template) throws Exception {
        Files.createDirectories(dataDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        // BENCH_WORKER_JAVA_OPTS: flags for the worker's JVM (e.g. -XX:+PrintCompilation to see the JIT's work)
        for (String o : System.getenv().getOrDefault("BENCH_WORKER_JAVA_OPTS", "").split(" ")) if (!o.isBlank()) cmd.add(o);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkerMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("REDIS_URL", redisUrl);
        env.put("RESTREAM_SECRETS_KEY", Base64.getEncoder().encodeToString(key));
        env.put("RESTREAM_DATA_DIR", dataDir.toString());
        env.put("RESTREAM_SANDBOX", "true");
        env.put("RESTREAM_ALLOW_PRIVATE_URLS", "true");
        env.put("RESTREAM_SOURCE_URL_TEMPLATE", template);
        env.put("RESTREAM_SOURCE_OPEN_TIMEOUT_MS", "60000"); // a loaded machine opens the origin slowly
        pb.redirectErrorStream(true);
        pb.redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile());
        Process p = pb.start();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        long deadline = System.nanoTime() + 90_000_000_000L; // generous: a loaded machine starts JVMs slowly
        while (!Files.readString(log).contains("WORKER_READY")) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly); // no orphan worker left claiming jobs
                p.destroyForcibly();
                throw new IllegalStateException("worker did not start");
            }
            sleep(0.1);
        }
        return p;
    }

    /**
     * CPU ticks of the worker's whole tree ({@link CpuTree}: also the children that ended and were
     * reaped, e.g. a pusher that reconnected; the first version read only the live processes).
     */
    static long cpuTicks(long pid) {
        return CpuTree.sample(List.of(pid)).total();
    }

    /** utime + stime of one process (its own threads only). */
    static long ticks(long pid) {
        CpuTree.Proc p = CpuTree.sample(List.of(pid)).procs().get(pid);
        return p == null ? 0 : p.own();
    }

    static void put(ConnectionStore store, UserRef user, String name, String url, String key) {
        store.put(user, new Connection("custom:" + name, Platform.CUSTOM, name, null, System.currentTimeMillis(), false),
                ConnectionSecrets.ingest(url, key)).toCompletableFuture().join();
    }

    private static Job job(JobStore jobs, String id) {
        return jobs.get(id).toCompletableFuture().join().orElseThrow().job();
    }

    private static boolean allLive(JobStore jobs, String id) {
        Job j = job(jobs, id);
        if (j.status().isTerminal()) throw new IllegalStateException("job ended: " + j);
        return j.status() == JobStatus.RUNNING && j.broadcasts().stream().allMatch(b -> b.state() == BroadcastState.LIVE);
    }

    private static com.sun.net.httpserver.HttpServer bannerServer() throws IOException {
        BufferedImage img = new BufferedImage(1280, 120, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(20, 20, 160, 200));
        g.fillRect(0, 0, 1280, 120);
        g.setColor(Color.WHITE);
        g.drawString("Restream benchmark banner", 40, 70);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HtmlBench.servePages(http);
        http.createContext("/top.png", ex -> {
            ex.sendResponseHeaders(200, png.size());
            ex.getResponseBody().write(png.toByteArray());
            ex.close();
        });
        http.start();
        return http;
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) return -1;
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String report(List<Result> results, long[] baseline, int seconds) {
        StringBuilder b = new StringBuilder();
        b.append("# Worker benchmark\n\n");
        b.append(String.format(Locale.ROOT, "Machine: %d cores (`nproc`), %s. Each scenario measured for %d s after warm-up, scaled to one minute.%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), seconds));
        b.append("Output 1280x720 at 30 fps, 3000 kbit/s CBR H.264 (x264 veryfast, zerolatency) + AAC 128 kbit/s.\n\n");
        b.append("| scenario | mode | worker CPU-s per minute | per destination | % of one core | latency p50 / p95 (ms) | added latency p50 (ms) |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        double one = results.get(0).cpuSecondsPerMinute();
        for (Result r : results) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.2f | %.1f%% | %d / %d | %d |%n",
                    r.s().name(), r.mode(), r.cpuSecondsPerMinute(), r.cpuSecondsPerMinute() / r.s().destinations(),
                    r.cpuSecondsPerMinute() / 60 * 100, r.p50(), r.p95(), r.p50() - baseline[0]));
        }
        b.append(String.format(Locale.ROOT, "%nBaseline latency (origin → decoder, no worker): p50 %d ms, p95 %d ms (%d frames).%n",
                baseline[0], baseline[1], baseline[2]));
        if (results.size() < 4) { // BENCH_ONLY_BANNERS
            HtmlBench.report(b, results.stream().filter(r -> r.extra() != null).toList());
            return b.toString();
        }
        Result five = results.get(2);
        Result copy = results.get(3);
        b.append(String.format(Locale.ROOT, "%n- cost(5 + banner) / cost(1) when encoding: **%.2f** (target ≤ 1.15)%n",
                five.cpuSecondsPerMinute() / one));
        b.append(String.format(Locale.ROOT, "- copy mode, per destination: **%.1f%%** of one core (target ≤ 5%%)%n",
                copy.cpuSecondsPerMinute() / 60 * 100 / copy.s().destinations()));
        b.append(String.format(Locale.ROOT, "- added latency source → destination, p50: encode %d ms, copy %d ms (target ≤ 1000 ms)%n",
                results.get(0).p50() - baseline[0], copy.p50() - baseline[0]));
        HtmlBench.report(b, results.stream().filter(r -> r.extra() != null).toList());
        return b.toString();
    }

    private static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }
}
