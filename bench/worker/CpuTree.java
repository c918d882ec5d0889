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
