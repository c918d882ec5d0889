import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU of a whole process tree between two samples, as the kernel accounts it.
 *
 * <p>For every live process of the tree: utime + stime (its own threads, live and ended) plus
 * cutime + cstime (its children that ended and were reaped). A child that ends during the window
 * moves from the first sum to the second, so nothing is lost; a process that starts in the window
 * counts whole. (What {@code WorkerBench} used to read, utime + stime of the live processes only,
 * is kept as {@link Sample#liveOnly()} for comparison.)
 */
final class CpuTree {
    static final double CLK_TCK = 100;

    /** One process at one moment: own ticks, reaped children's ticks, and what it is. */
    record Proc(long pid, long own, long children, String kind) {}

    record Sample(Map<Long, Proc> procs) {
        long total() { return procs.values().stream().mapToLong(p -> p.own() + p.children()).sum(); }

        long liveOnly() { return procs.values().stream().mapToLong(Proc::own).sum(); }
    }

    private CpuTree() {}

    static Sample sample(List<Long> roots) {
        Map<Long, Proc> out = new LinkedHashMap<>();
        for (long root : roots) {
            List<Long> pids = new ArrayList<>();
            pids.add(root);
            ProcessHandle.of(root).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
            for (long pid : pids) {
                Proc p = read(pid, pid == root);
                if (p != null) out.put(pid, p);
            }
        }
        return new Sample(out);
    }

    static double cores(Sample a, Sample b, double seconds) {
        return (b.total() - a.total()) / CLK_TCK / seconds;
    }

    /** Cores of the live processes of one kind (their own time). */
    static double coresOf(Sample a, Sample b, double seconds, String kind) {
        long d = 0;
        for (Proc p : b.procs().values()) {
            if (!p.kind().equals(kind)) continue;
            Proc before = a.procs().get(p.pid());
            d += p.own() - (before == null ? 0 : before.own());
        }
        return d / CLK_TCK / seconds;
    }

    /** Cores per kind of process, the reaped children, and the live-only figure the old bench read. */
    static String breakdown(Sample a, Sample b, double seconds) {
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Integer> count = new TreeMap<>();
        for (Proc p : b.procs().values()) {
            Proc before = a.procs().get(p.pid());
            long d = p.own() - (before == null ? 0 : before.own());
            byKind.merge(p.kind(), d, Long::sum);
            count.merge(p.kind(), 1, Integer::sum);
            long dc = p.children() - (before == null ? 0 : before.children());
            if (dc != 0) byKind.merge("reaped children", dc, Long::sum);
        }
        for (Proc p : a.procs().values()) {
            if (!b.procs().containsKey(p.pid())) byKind.merge("ended (counted in reaped)", -p.own() - p.children(), Long::sum);
        }
        StringBuilder s = new StringBuilder();
        byKind.forEach((k, v) -> s.append(String.format(Locale.ROOT, "%s%s %.3f; ", k,
                count.containsKey(k) ? " ×" + count.get(k) : "", v / CLK_TCK / seconds)));
        s.append(String.format(Locale.ROOT, "live processes' own time only %.3f", (b.liveOnly() - a.liveOnly()) / CLK_TCK / seconds));
        return s.toString();
    }

    /** CPU ticks per thread of one process (live threads only), keyed by thread id, with its name. */
    record Threads(Map<Long, String> names, Map<Long, Long> ticks) {}

    static Threads threads(long pid) {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Long> ticks = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long tid = Long.parseLong(t.getFileName().toString());
                    names.put(tid, comm);
                    ticks.put(tid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (Exception e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (Exception e) {
            // the process ended
        }
        return new Threads(names, ticks);
    }

    /**
     * The JVM's CPU between two samples by thread role, in ms of CPU per second (threads that ended
     * inside the window are not counted: the job's threads live as long as the job). Roles from the
     * thread names the worker gives (see the worker's {@code new Thread(..., name)}), truncated by the
     * kernel to 15 characters.
     */
    static String threadBreakdown(Threads a, Threads b, double seconds) {
        return threadBreakdown(a, b, seconds, CpuTree::role);
    }

    /** An FFmpeg's CPU by thread name (digits folded, so {@code mux0:flv} and {@code mux1:flv} add up), ms/s. */
    static String ffmpegThreads(Threads a, Threads b, double seconds) {
        return threadBreakdown(a, b, seconds, n -> n == null ? "other" : n.replaceAll("[0-9]+", "#"));
    }

    private static String threadBreakdown(Threads a, Threads b, double seconds, java.util.function.Function<String, String> roleOf) {
        Map<String, Long> byRole = new TreeMap<>();
        Map<String, Integer> count = new TreeMap<>();
        for (Map.Entry<Long, Long> e : b.ticks().entrySet()) {
            long d = e.getValue() - a.ticks().getOrDefault(e.getKey(), 0L);
            String role = roleOf.apply(b.names().get(e.getKey()));
            byRole.merge(role, d, Long::sum);
            count.merge(role, 1, Integer::sum);
        }
        StringBuilder s = new StringBuilder();
        long total = byRole.values().stream().mapToLong(Long::longValue).sum();
        s.append(String.format(Locale.ROOT, "live threads %.1f ms/s: ", total * 1000 / CLK_TCK / seconds));
        byRole.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).forEach(e ->
                s.append(String.format(Locale.ROOT, "%s ×%d %.1f; ", e.getKey(), count.get(e.getKey()), e.getValue() * 1000 / CLK_TCK / seconds)));
        return s.toString().trim();
    }

    /** What a worker JVM thread does, from its (truncated) name. */
    static String role(String name) {
        if (name == null) return "other";
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) return "JIT compilers";
        if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM ") || name.equals("Service Thread")
                || name.startsWith("Monitor Deflat") || name.startsWith("Common-Cleaner") || name.startsWith("Notification")) return "GC + VM";
        if (name.startsWith("lettuce")) return "Redis client";
        if (name.startsWith("encoder-")) return "FLV reader + hub";
        if (name.startsWith("overlay-job job")) return "overlay feed";
        if (name.startsWith("overlay")) return "overlay render";
        if (name.startsWith("push-")) return "pushes";
        if (name.startsWith("rtmp-reader")) return "push readers";
        if (name.startsWith("ffmpeg-stderr")) return "ffmpeg stderr";
        if (name.startsWith("job-writes")) return "job writes";
        if (name.startsWith("job-")) return "job sessions";
        if (name.startsWith("worker-timer") || name.startsWith("lease-keeper") || name.startsWith("job-runner")) return "timers + lease";
        return "other";
    }

    private static Proc read(long pid, boolean root) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14-17 of proc(5): utime, stime, cutime, cstime
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return new Proc(pid, own, children, kind(pid, root));
        } catch (Exception e) {
            return null; // ended between the listing and the read
        }
    }

    private static String kind(long pid, boolean root) throws Exception {
        String cmd = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        if (cmd.split(" ")[0].endsWith("/java")) return "jvm";
        if (cmd.contains("chrom")) return "chromium";
        if (!cmd.contains("ffmpeg")) return "other";
        if (cmd.contains("-c copy") && cmd.contains("-i pipe:0")) return "pusher";
        if (cmd.contains("-f tee")) return "tee";
        if (cmd.contains("libx264")) return root ? "ffmpeg encode" : "encoder";
        return "ffmpeg other";
    }
}
