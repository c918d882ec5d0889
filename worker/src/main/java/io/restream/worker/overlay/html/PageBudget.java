package io.restream.worker.overlay.html;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A page's memory and CPU budget, judged from its DevTools {@code Performance.getMetrics} every
 * {@link #EVERY_MS}: the V8 heap in use ({@code JSHeapUsedSize}) over {@code heapBytes} is over
 * budget at once; main-thread busy time ({@code TaskDuration}) over {@code cpuShare} of a core is
 * over budget when it lasts {@link #CPU_CHECKS} checks in a row (≈10 s), so a busy second is not.
 */
final class PageBudget {
    static final long EVERY_MS = 2000;
    static final int CPU_CHECKS = 5;

    private final long heapBytes;
    private final double cpuShare;
    private long lastCheck;
    private double lastTaskSeconds = -1;
    private int cpuOver;

    PageBudget(long heapBytes, double cpuShare) {
        this.heapBytes = heapBytes;
        this.cpuShare = cpuShare;
    }

    /**
     * A fresh page: no history, first check one period from now (not before the first capture: a
     * metrics round trip to a page that has just loaded delayed every switch's first frame).
     */
    void reset() {
        lastTaskSeconds = -1;
        cpuOver = 0;
        lastCheck = System.currentTimeMillis();
    }

    boolean due(long nowMs) { return nowMs - lastCheck >= EVERY_MS; }

    /** Null when within budget, else what went over. */
    String verdict(JsonNode metrics, long nowMs) {
        double heap = 0;
        double task = 0;
        for (JsonNode m : metrics) {
            if (m.path("name").asText().equals("JSHeapUsedSize")) heap = m.path("value").asDouble();
            if (m.path("name").asText().equals("TaskDuration")) task = m.path("value").asDouble();
        }
        double cpu = lastTaskSeconds < 0 ? 0 : (task - lastTaskSeconds) * 1000.0 / Math.max(1, nowMs - lastCheck);
        lastTaskSeconds = task;
        lastCheck = nowMs;
        cpuOver = cpu > cpuShare ? cpuOver + 1 : 0;
        if (heap > heapBytes) return String.format("went over its memory budget (%d MB of JS heap)", (long) (heap / 1e6));
        if (cpuOver >= CPU_CHECKS) return String.format("went over its CPU budget (%.0f%% of a core)", cpu * 100);
        return null;
    }
}
