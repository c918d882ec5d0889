import io.restream.core.connections.ConnectionStore;
import io.restream.core.crypto.SecretBox;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.NewJob;
import io.restream.core.media.FfmpegBinaries;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import io.restream.core.model.UserRef;
import io.restream.core.redis.EmbeddedRedis;
import io.restream.core.redis.Redis;
import io.restream.worker.encode.EncoderCommand;
import io.restream.worker.source.SourceResolver;
import io.restream.worker.source.SourceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Our worker against its peers, on the same machine, source and settings, in one run: FFmpeg's own
 * one-encode {@code tee} muxer to N outputs, and N separate FFmpeg encodes. For 1 and 5
 * destinations it measures CPU (the whole process tree: every process's utime+stime plus what its
 * reaped children used, see {@link CpuTree}) and goLive → first video frame at every destination; then,
 * for the worker, the latency table (see {@link LatencyRuns}).
 *
 * <p>Source for all three: the worker's own demo graph ({@link SourceResolver}, 720p30 test pattern
 * with a clock, 440 Hz tone); codec arguments: the worker's ({@link EncoderCommand#args()}, x264
 * veryfast zerolatency CBR 3 Mbit/s, AAC 128 kbit/s). The destinations are {@link RtmpSink}s, whose
 * own FFmpeg runs under this JVM, not under the measured tree.
 *
 * <p>Usage: {@code PeerBench <cpu seconds> <warm-up seconds> <latency runs> <output.md>}
 */
public final class PeerBench {
    static final List<Integer> COUNTS = List.of(1, 5);
    /** BENCH_SYSTEMS (e.g. {@code worker,tee}) measures only those, for a quicker look. */
    static final List<String> SYSTEMS = List.of(System.getenv().getOrDefault("BENCH_SYSTEMS", "worker,tee,separate").split(","));
    /** BENCH_PAIRED_WINDOWS: windows in which the worker and tee run at the same time (0: none). */
    static final int PAIRED_WINDOWS = Integer.parseInt(System.getenv().getOrDefault("BENCH_PAIRED_WINDOWS", "3"));

    /**
     * The worker and tee measured over the same windows, per window: cores per 30 fps delivered.
     *
     * @param worker the worker's figure in each window
     * @param tee tee's figure in the same windows
     */
    record Paired(int destinations, List<Double> worker, List<Double> tee) {
        List<Double> ratios() {
            List<Double> r = new ArrayList<>();
            for (int i = 0; i < worker.size(); i++) r.add(worker.get(i) / tee.get(i));
            return r;
        }

        static double median(List<Double> xs) {
            List<Double> sorted = xs.stream().sorted().toList();
            int n = sorted.size();
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    /** @param threads CPU by thread (ms/s): the worker JVM by role and its encoder, or the (first) peer FFmpeg */
    record Row(String system, int destinations, double cores, double fps, double goLiveMs, String breakdown, String threads,
            double encoderCores, double jvmCores) {
        /** Cores per 30 frames a second actually delivered (the slowest destination): a starved encoder delivers less. */
        double coresPer30fps() { return fps <= 0 ? cores : cores * 30 / fps; }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path out = Path.of(args.length > 3 ? args[3] : "bench/worker/results.md");
        String only = System.getenv().getOrDefault("BENCH_ONLY", "");
        Path tmp = Files.createTempDirectory("restream-peers");
        // A Redis of its own, always: workers of anything else sharing it would take the bench's jobs.
        EmbeddedRedis embedded = EmbeddedRedis.start(tmp.resolve("redis"));
        String redisUrl = embedded.url();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String load0 = Load.uptime();
        List<Row> cpu = new ArrayList<>();
        List<Paired> paired = new ArrayList<>();
        LatencyRuns.Table latency = null;
        Process worker = null;
        try (Redis redis = Redis.connect(redisUrl); ClockStreams.Origin origin = new ClockStreams.Origin("aac")) {
            worker = WorkerBench.startWorker(redisUrl, key, tmp.resolve("worker"), origin.template());
            Jobs jobs = new Jobs(new JobStore(redis), new ConnectionStore(redis, new SecretBox(key)));
            warmUp(jobs, warmup);
            if (!only.equals("latency")) {
                for (int n : COUNTS) {
                    for (String system : SYSTEMS) cpu.add(measure(system, n, jobs, worker.pid(), seconds, warmup));
                }
                if (PAIRED_WINDOWS > 0) {
                    for (int n : COUNTS) paired.add(measurePaired(n, jobs, worker.pid(), seconds, warmup, PAIRED_WINDOWS));
                }
            }
            if (!only.equals("cpu")) latency = new LatencyRuns(jobs, origin, runs).run();
        } finally {
            if (worker != null) {
                worker.descendants().forEach(ProcessHandle::destroyForcibly);
                worker.destroyForcibly();
                worker.waitFor();
            }
            embedded.close();
        }
        String report = PeerReport.render(cpu, paired, latency, seconds, runs, load0, Load.uptime());
        System.out.println(report);
        Files.writeString(out, report);
    }

    /**
     * One job through the fresh worker first (class loading, JIT, FFmpeg unpacked), not measured. It
     * runs for the warm-up time (and each measured job warms up as long again before its window), so
     * that the JIT's compiling of the job's code is over before the first window: a live stream runs
     * for hours, and steady state is the fair comparison.
     */
    static void warmUp(Jobs jobs, int seconds) throws Exception {
        try (RtmpSink sink = new RtmpSink("warm", false)) {
            long t0 = System.nanoTime();
            String job = jobs.goLive(Jobs.newUser(), "demo-" + UUID.randomUUID(), List.of(sink), null);
            Jobs.awaitFirstVideo(List.of(sink), t0, 120_000);
            Thread.sleep(Math.max(3, seconds) * 1000L);
            jobs.stopAndWait(job);
        }
    }

    /** One system with n destinations: goLive → first video everywhere, then CPU over the window. */
    static Row measure(String system, int n, Jobs jobs, long workerPid, int seconds, int warmup) throws Exception {
        System.out.println("== " + system + ", " + n + " destination(s); load " + Load.uptime());
        List<RtmpSink> sinks = new ArrayList<>();
        List<Process> peers = new ArrayList<>();
        String jobId = null;
        try {
            for (int i = 0; i < n; i++) sinks.add(new RtmpSink("k" + i, false));
            long t0 = System.nanoTime();
            if (system.equals("worker")) {
                jobId = jobs.goLive(Jobs.newUser(), "demo-" + UUID.randomUUID(), sinks, null);
            } else {
                peers.addAll(startPeers(system, sinks));
            }
            long first = Jobs.awaitFirstVideo(sinks, t0, 60_000);
            double goLiveMs = (first - t0) / 1e6;
            Thread.sleep(warmup * 1000L);
            List<Long> roots = system.equals("worker") ? List.of(workerPid) : peers.stream().map(Process::pid).toList();
            CpuTree.Sample a = CpuTree.sample(roots);
            CpuTree.Threads ta = CpuTree.threads(workerPid);
            long ffmpegPid = system.equals("worker") ? encoderPid(a) : peers.get(0).pid();
            CpuTree.Threads fa = CpuTree.threads(ffmpegPid);
            long[] f0 = frames(sinks);
            long w0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            CpuTree.Sample b = CpuTree.sample(roots);
            CpuTree.Threads tb = CpuTree.threads(workerPid);
            CpuTree.Threads fb = CpuTree.threads(ffmpegPid);
            double elapsed = (System.nanoTime() - w0) / 1e9;
            double fps = slowestFps(sinks, f0, elapsed);
            double cores = CpuTree.cores(a, b, elapsed);
            String breakdown = CpuTree.breakdown(a, b, elapsed);
            String threads = (system.equals("worker") ? "JVM " + CpuTree.threadBreakdown(ta, tb, elapsed) + " **encoder** " : "")
                    + CpuTree.ffmpegThreads(fa, fb, elapsed);
            System.out.printf(Locale.ROOT, "   %.3f cores, %.1f fps delivered, goLive → first video at all %d: %.0f ms%n   %s%n   %s%n",
                    cores, fps, n, goLiveMs, breakdown, threads);
            return new Row(system, n, cores, fps, goLiveMs, breakdown, threads,
                    CpuTree.coresOf(a, b, elapsed, "encoder"), CpuTree.coresOf(a, b, elapsed, "jvm"));
        } finally {
            endAll(jobs, jobId, peers, sinks);
        }
    }

    /**
     * The worker and tee, n destinations each, running at the same time and measured over the same
     * windows: whatever the machine does in a window (another process, the clock, the cache) it does
     * to both, so their ratio holds still where sequential windows move it by ±5 %. The two need about
     * 1.2 of the two cores together.
     */
    static Paired measurePaired(int n, Jobs jobs, long workerPid, int seconds, int warmup, int windows) throws Exception {
        System.out.println("== worker and tee at the same time, " + n + " destination(s) each; load " + Load.uptime());
        List<RtmpSink> ours = new ArrayList<>();
        List<RtmpSink> tees = new ArrayList<>();
        List<Process> tee = new ArrayList<>();
        String jobId = null;
        try {
            for (int i = 0; i < n; i++) {
                ours.add(new RtmpSink("pw" + i, false));
                tees.add(new RtmpSink("pt" + i, false));
            }
            long t0 = System.nanoTime();
            jobId = jobs.goLive(Jobs.newUser(), "demo-" + UUID.randomUUID(), ours, null);
            tee.addAll(startPeers("tee", tees));
            Jobs.awaitFirstVideo(ours, t0, 60_000);
            Jobs.awaitFirstVideo(tees, t0, 60_000);
            Thread.sleep(warmup * 1000L);
            List<Long> teeRoots = tee.stream().map(Process::pid).toList();
            List<Double> w = new ArrayList<>();
            List<Double> t = new ArrayList<>();
            for (int i = 0; i < windows; i++) {
                CpuTree.Sample wa = CpuTree.sample(List.of(workerPid));
                CpuTree.Sample ta = CpuTree.sample(teeRoots);
                long[] wf = frames(ours);
                long[] tf = frames(tees);
                long w0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                CpuTree.Sample wb = CpuTree.sample(List.of(workerPid));
                CpuTree.Sample tb = CpuTree.sample(teeRoots);
                double elapsed = (System.nanoTime() - w0) / 1e9;
                double ourFps = slowestFps(ours, wf, elapsed);
                double teeFps = slowestFps(tees, tf, elapsed);
                w.add(CpuTree.cores(wa, wb, elapsed) * 30 / ourFps);
                t.add(CpuTree.cores(ta, tb, elapsed) * 30 / teeFps);
                System.out.printf(Locale.ROOT, "   window %d: worker %.3f, tee %.3f cores per 30 fps (%.1f / %.1f fps delivered): %.3f%n",
                        i + 1, w.get(i), t.get(i), ourFps, teeFps, w.get(i) / t.get(i));
            }
            return new Paired(n, w, t);
        } finally {
            List<RtmpSink> all = new ArrayList<>(ours);
            all.addAll(tees);
            endAll(jobs, jobId, tee, all);
        }
    }

    /** Stops the job (if any) and the peer FFmpegs, then closes the destinations. */
    private static void endAll(Jobs jobs, String jobId, List<Process> peers, List<RtmpSink> sinks) throws Exception {
        if (jobId != null) jobs.stopAndWait(jobId);
        for (Process p : peers) {
            p.destroy();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        }
        for (RtmpSink s : sinks) s.close();
    }

    private static long[] frames(List<RtmpSink> sinks) {
        return sinks.stream().mapToLong(RtmpSink::videoFrames).toArray();
    }

    /** Video frames a second at the slowest of the sinks since {@code before}. */
    private static double slowestFps(List<RtmpSink> sinks, long[] before, double seconds) {
        long frames = Long.MAX_VALUE;
        for (int i = 0; i < sinks.size(); i++) frames = Math.min(frames, sinks.get(i).videoFrames() - before[i]);
        return frames / seconds;
    }

    /** The worker's encoder FFmpeg in a sample of its tree (-1 when there is none). */
    static long encoderPid(CpuTree.Sample s) {
        return s.procs().values().stream().filter(p -> p.kind().equals("encoder")).mapToLong(CpuTree.Proc::pid).findFirst().orElse(-1);
    }

    /** tee: one FFmpeg, one encode, N outputs; separate: N FFmpegs, each its own encode. */
    static List<Process> startPeers(String system, List<RtmpSink> sinks) throws Exception {
        List<String> common = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-nostdin"));
        common.addAll(demoSource().inputArgs());
        common.addAll(List.of("-map", "0:v", "-map", "0:a"));
        common.addAll(workerCodecArgs());
        List<Process> out = new ArrayList<>();
        if (system.equals("tee")) {
            List<String> a = new ArrayList<>(common);
            String outputs = String.join("|", sinks.stream()
                    .map(s -> "[f=flv:flvflags=no_duration_filesize:onfail=abort]" + s.url()).toList());
            a.addAll(List.of("-f", "tee", outputs));
            out.add(FfmpegBinaries.processBuilder(a).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        } else {
            for (RtmpSink s : sinks) {
                List<String> a = new ArrayList<>(common);
                a.addAll(List.of("-f", "flv", "-flvflags", "no_duration_filesize", s.url()));
                out.add(FfmpegBinaries.processBuilder(a).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
        }
        return out;
    }

    /** The demo source exactly as the worker builds it (1280x720, 30 fps). */
    static SourceSpec demoSource() throws Exception {
        return new SourceResolver(Optional.empty(), true, 1280, 720, 30).resolve("demo-peer");
    }

    /** The worker's codec arguments (from {@code -c:v} to the output format), so the peers encode alike. */
    static List<String> workerCodecArgs() throws Exception {
        List<String> a = new EncoderCommand(demoSource(), EncoderCommand.Mode.ENCODE, 1280, 720, 30, 3000, 128,
                false, false, 4, "veryfast").args();
        return a.subList(a.indexOf("-c:v"), a.lastIndexOf("-f"));
    }

    /** The machine's load, as {@code uptime} prints it. */
    static final class Load {
        static String uptime() {
            try {
                String s = Files.readString(Path.of("/proc/loadavg")).trim();
                String[] f = s.split(" ");
                return "load average " + f[0] + ", " + f[1] + ", " + f[2];
            } catch (Exception e) {
                return "load unknown";
            }
        }
    }
}
