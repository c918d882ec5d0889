import java.util.List;
import java.util.Locale;

/** The results page of {@link PeerBench}: CPU and goLive against the peers, then the latency table. */
final class PeerReport {
    private PeerReport() {}

    static String render(List<PeerBench.Row> cpu, List<PeerBench.Paired> paired, LatencyRuns.Table latency, int seconds, int runs,
                         String load0, String load1) {
        StringBuilder b = new StringBuilder("# Worker benchmark: against its peers, and latency\n\n");
        b.append(String.format(Locale.ROOT, "Machine: %d cores (`nproc`); %s at the start, %s at the end (`/proc/loadavg`; "
                + "the machine is shared, so compare the ratios, which come from the same run).%n",
                Runtime.getRuntime().availableProcessors(), load0, load1));
        b.append("Source for all: the worker's demo graph (720p30 test pattern with a clock, 440 Hz tone); output H.264 "
                + "x264 veryfast zerolatency CBR 3000 kbit/s + AAC 128 kbit/s, the worker's own codec arguments. "
                + "Destinations: RTMP endpoints on loopback (in the bench's JVM, not counted).\n\n");
        if (!cpu.isEmpty()) {
            b.append(String.format(Locale.ROOT, "## CPU and goLive, %d s per measurement%n%n", seconds));
            b.append("CPU: the whole process tree (every process's utime+stime, plus cutime+cstime of children it reaped), in cores.\n");
            b.append("goLive: job created (peers: FFmpeg started) → first complete video frame at every destination (one sample each).\n\n");
            b.append("Delivered: video frames a second at the slowest destination over the window; a starved process delivers "
                    + "fewer than 30 and uses less CPU, so CPU is also given per 30 fps delivered, and the ratios use that.\n\n");
            b.append("| system | destinations | CPU (cores) | delivered (fps) | cores per 30 fps | × tee | goLive → first video (ms) | breakdown (cores) |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (PeerBench.Row r : cpu) {
                double tee = cpu.stream().anyMatch(x -> x.system().equals("tee")) ? find(cpu, "tee", r.destinations()).coresPer30fps() : Double.NaN;
                b.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.1f | %.3f | %.2f | %.0f | %s |%n", r.system(), r.destinations(), r.cores(),
                        r.fps(), r.coresPer30fps(), r.coresPer30fps() / tee, r.goLiveMs(), r.breakdown()));
            }
            b.append('\n');
            if (PeerBench.SYSTEMS.containsAll(List.of("worker", "tee"))) {
                PeerBench.Row w1 = find(cpu, "worker", 1), w5 = find(cpu, "worker", 5), t1 = find(cpu, "tee", 1), t5 = find(cpu, "tee", 5);
                b.append(String.format(Locale.ROOT, "- the worker's parts against tee (per 30 fps delivered): encoder alone ÷ tee **%.2f** at 1 "
                        + "destination, **%.2f** at 5; the JVM %.3f / %.3f core = %.0f %% / %.0f %% of tee%n",
                        w1.encoderCores() * 30 / w1.fps() / t1.coresPer30fps(), w5.encoderCores() * 30 / w5.fps() / t5.coresPer30fps(),
                        w1.jvmCores(), w5.jvmCores(), 100 * w1.jvmCores() / t1.cores(), 100 * w5.jvmCores() / t5.cores()));
            }
            if (!paired.isEmpty()) b.append(paired(paired, seconds));
            if (!PeerBench.SYSTEMS.containsAll(List.of("worker", "tee", "separate"))) return b.toString(); // a quick look (BENCH_SYSTEMS)
            for (String s : PeerBench.SYSTEMS) {
                b.append(String.format(Locale.ROOT, "- %s: cost(5)/cost(1) = **%.2f**%n", s,
                        find(cpu, s, 5).coresPer30fps() / find(cpu, s, 1).coresPer30fps()));
            }
            b.append(String.format(Locale.ROOT, "- worker ÷ tee: **%.2f** at 1 destination, **%.2f** at 5 (goal ≤ 1.05)%n",
                    find(cpu, "worker", 1).coresPer30fps() / find(cpu, "tee", 1).coresPer30fps(),
                    find(cpu, "worker", 5).coresPer30fps() / find(cpu, "tee", 5).coresPer30fps()));
            for (PeerBench.Row r : cpu) {
                b.append(String.format(Locale.ROOT, "- %s at %d destination(s), by thread (ms of CPU per s, live threads, "
                        + "`/proc/<pid>/task/*/stat` at the window's ends; separate: the first FFmpeg): %s%n", r.system(), r.destinations(), r.threads()));
            }
            b.append(String.format(Locale.ROOT, "- goLive, worker − tee: %+.0f ms at 1 destination, %+.0f ms at 5 (goal ≤ +100 ms)%n",
                    find(cpu, "worker", 1).goLiveMs() - find(cpu, "tee", 1).goLiveMs(),
                    find(cpu, "worker", 5).goLiveMs() - find(cpu, "tee", 5).goLiveMs()));
        }
        if (latency != null) {
            b.append(String.format(Locale.ROOT, "%n## Worker latency, %d runs each%n%n", runs));
            b.append("| measurement | median (ms) | p90 (ms) | min–max (ms) | failed runs | note |\n|---|---|---|---|---|---|\n");
            for (LatencyRuns.Row r : latency.rows()) {
                List<Double> s = r.ms().stream().sorted().toList();
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %s |%n", r.name(), pct(s, 50), pct(s, 90),
                        s.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f–%.0f", s.get(0), s.get(s.size() - 1)),
                        r.failures(), r.note() == null ? "" : r.note()));
            }
        }
        return b.toString();
    }

    /** The windows in which the worker and tee ran at the same time: each window's ratio, and the medians. */
    static String paired(List<PeerBench.Paired> paired, int seconds) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%n### The worker and tee at the same time (%d s windows)%n%n", seconds));
        b.append("Both run at once, each with its own destinations, and are measured over the same windows (cores per 30 fps "
                + "delivered, whole process trees): what the machine does in a window it does to both.\n\n");
        b.append("| destinations | windows: worker ÷ tee | median worker ÷ tee | median worker (cores per 30 fps) | median tee |\n|---|---|---|---|---|\n");
        for (PeerBench.Paired p : paired) {
            String each = String.join(", ", p.ratios().stream().map(r -> String.format(Locale.ROOT, "%.3f", r)).toList());
            b.append(String.format(Locale.ROOT, "| %d | %s | **%.3f** | %.3f | %.3f |%n", p.destinations(), each,
                    PeerBench.Paired.median(p.ratios()), PeerBench.Paired.median(p.worker()), PeerBench.Paired.median(p.tee())));
        }
        return b.append('\n').toString();
    }

    private static PeerBench.Row find(List<PeerBench.Row> rows, String system, int n) {
        return rows.stream().filter(r -> r.system().equals(system) && r.destinations() == n).findFirst().orElseThrow();
    }

    /** Nearest-rank percentile of sorted values. */
    static String pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) return "-";
        if (p == 50 && sorted.size() % 2 == 0) {
            return String.format(Locale.ROOT, "%.0f", (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2);
        }
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return String.format(Locale.ROOT, "%.0f", sorted.get(Math.max(0, i)));
    }
}
