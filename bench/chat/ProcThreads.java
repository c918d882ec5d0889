import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU of every thread of a process (Linux {@code /proc/<pid>/task}), user and kernel apart, summed
 * by the thread's name without its number. Unlike {@link ThreadCpu} it sees the JVM's own threads
 * (GC, JIT) and any process (the API's JVM), and the user/kernel split shows how much of an event
 * loop's time is socket system calls (on loopback the kernel's send also runs the receiver's TCP).
 * Names are the kernel's, cut at 15 characters.
 */
final class ProcThreads {
    private static final long HZ = 100; // USER_HZ on Linux
    private final long pid;
    private final Map<Long, long[]> start;

    ProcThreads(long pid) {
        this.pid = pid;
        this.start = sample(pid);
    }

    /** {tid -> {user ticks, system ticks, name's index}}; names kept apart. */
    private static Map<Long, long[]> sample(long pid) {
        Map<Long, long[]> out = new HashMap<>();
        NAMES.putIfAbsent(pid, new HashMap<>());
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    long tid = Long.parseLong(t.getFileName().toString());
                    out.put(tid, new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])});
                    NAMES.get(pid).put(tid, name);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException e) {
            // no such process (SERVICE_PID not given): nothing to report
        }
        return out;
    }

    private static final Map<Long, Map<Long, String>> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    /** One line: role user+system seconds, largest first, roles under 0.1 s summed as "other". */
    String report(String what) {
        Map<Long, long[]> now = sample(pid);
        Map<String, long[]> byRole = new TreeMap<>();
        long[] total = new long[2];
        now.forEach((tid, v) -> {
            long[] s = start.getOrDefault(tid, new long[2]);
            long u = v[0] - s[0];
            long k = v[1] - s[1];
            String role = NAMES.get(pid).getOrDefault(tid, "?").replaceAll("[-#]?\\d+", "N");
            long[] r = byRole.computeIfAbsent(role, x -> new long[2]);
            r[0] += u;
            r[1] += k;
            total[0] += u;
            total[1] += k;
        });
        StringBuilder out = new StringBuilder(String.format("%s threads' CPU from /proc (s, user+kernel; total %.1f+%.1f):",
                what, total[0] / (double) HZ, total[1] / (double) HZ));
        long[] other = new long[2];
        byRole.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(e -> {
                    long[] v = e.getValue();
                    if (v[0] + v[1] >= HZ / 10) out.append(String.format(" %s %.1f+%.1f;", e.getKey(), v[0] / (double) HZ, v[1] / (double) HZ));
                    else { other[0] += v[0]; other[1] += v[1]; }
                });
        out.append(String.format(" other %.1f+%.1f", other[0] / (double) HZ, other[1] / (double) HZ));
        return out.toString();
    }
}
