import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU of this JVM's threads between construction and {@link #report}, summed by role (the thread
 * name without its number), so that the driver's own cost can be split into the simulated
 * platform, the aggregator's sockets and Redis client, the subscribers and the JIT. JIT and GC
 * threads are not Java threads and are left out (the process total includes them).
 */
final class ThreadCpu {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();
    /** Names for threads whose own name does not tell their role (two Vert.x instances number their loops alike). */
    static final Map<Long, String> LABELS = new java.util.concurrent.ConcurrentHashMap<>();

    static void label(String role) {
        LABELS.put(Thread.currentThread().getId(), role);
    }

    ThreadCpu() {
        for (long id : mx.getAllThreadIds()) start.put(id, mx.getThreadCpuTime(id));
    }

    void report() {
        Map<String, Long> byRole = new TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            ThreadInfo info = mx.getThreadInfo(id);
            long now = mx.getThreadCpuTime(id);
            if (info == null || now < 0) continue;
            long used = now - start.getOrDefault(id, 0L);
            String role = info.getThreadName().replaceAll("[-#]?\\d+", "");
            if (info.getThreadName().startsWith("vert.x-eventloop")) role = info.getThreadName(); // one per loop
            role = LABELS.getOrDefault(id, role);
            byRole.merge(role, used, Long::sum);
        }
        StringBuilder out = new StringBuilder("driver threads' CPU in the message phase (s):");
        byRole.entrySet().stream().filter(e -> e.getValue() >= 100_000_000L)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.append(String.format(" %s %.1f;", e.getKey(), e.getValue() / 1e9)));
        System.out.println(out);
    }
}
