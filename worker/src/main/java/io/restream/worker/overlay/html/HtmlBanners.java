package io.restream.worker.overlay.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.StoredJob;
import io.restream.core.model.JobStatus;
import io.restream.core.net.Redact;
import io.restream.core.net.UrlGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the HTML banners of one worker share: the request policy (the overlay URL guard), the
 * guarding proxy every page connection goes through, the supervised browser (started with the first
 * page, stopped when no page needs it), the per-page budgets, and the {@code overlay_failed} report
 * on the job. {@link #page} opens one job's page.
 */
public final class HtmlBanners implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HtmlBanners.class);
    /** A page whose V8 heap passes this is over budget; the renderer's hard V8 limit is twice it. */
    static final long HEAP_BUDGET_BYTES = 256L * 1024 * 1024;
    /** A page whose main thread stays busier than this (fraction of a core) for ≈10 s is over budget. */
    static final double CPU_BUDGET = 0.5;

    private final RequestPolicy policy;
    private final int fps;
    private final JobStore jobs;
    private final long heapBudget;
    private final double cpuBudget;
    private final ExecutorService decisions;
    private GuardProxy proxy;
    private Chromium chromium;

    /**
     * @param fps screenshots per second of each page ({@code RESTREAM_OVERLAY_FPS})
     * @param jobs where {@code overlay_failed} is written (null: only logged)
     */
    public HtmlBanners(UrlGuard guard, boolean allowHttp, int fps, JobStore jobs) {
        this(guard, allowHttp, fps, jobs, HEAP_BUDGET_BYTES, CPU_BUDGET);
    }

    HtmlBanners(UrlGuard guard, boolean allowHttp, int fps, JobStore jobs, long heapBudget, double cpuBudget) {
        this.policy = new RequestPolicy(guard, allowHttp);
        this.fps = fps;
        this.jobs = jobs;
        this.heapBudget = heapBudget;
        this.cpuBudget = cpuBudget;
        AtomicInteger n = new AtomicInteger();
        this.decisions = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "html-requests-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Pids of the banner browsers running in this JVM (diagnostics; tests kill one). */
    public static List<Long> browserPids() { return Chromium.livePids(); }

    /**
     * Opens a page for {@code jobId} at {@code width}×{@code height}; frames (RGBA, null = nothing)
     * go to {@code frames} on the page's thread, why a URL is not shown to {@code failed}, and each
     * URL's first frame on air is told to {@code onAir}. Call {@link HtmlPage#show} to load a URL.
     */
    public HtmlPage page(String jobId, int width, int height, Consumer<byte[]> frames, Consumer<String> failed, Runnable onAir) {
        return new HtmlPage(this, jobId, width, height, fps, frames, failed, onAir);
    }

    synchronized Chromium chromium() {
        if (chromium == null) {
            try {
                proxy = new GuardProxy(policy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long hardLimitMb = heapBudget * 2 / (1024 * 1024);
            chromium = new Chromium(List.of("--proxy-server=http://127.0.0.1:" + proxy.port(),
                    "--proxy-bypass-list=<-loopback>", "--js-flags=--max-old-space-size=" + hardLimitMb));
        }
        return chromium;
    }

    RequestPolicy policy() { return policy; }

    long heapBudgetBytes() { return heapBudget; }

    double cpuBudget() { return cpuBudget; }

    /** A paused request of a page: continue it if the guard allows its URL, else fail it. */
    void decide(Cdp cdp, String session, JsonNode params) {
        String requestId = params.path("requestId").asText();
        String url = params.path("request").path("url").asText();
        decisions.execute(() -> {
            String refusal = policy.refusal(url);
            if (refusal == null) {
                cdp.send(session, "Fetch.continueRequest", Map.of("requestId", requestId));
            } else {
                log.info("html banner request refused: {} ({})", Redact.url(url), refusal);
                cdp.send(session, "Fetch.failRequest", Map.of("requestId", requestId, "errorReason", "BlockedByClient"));
            }
        });
    }

    /**
     * Sets {@code error = {overlay_failed, why}} ({@code why} names the overlay field) on the job while it stays active, through the
     * store's status-checked write (same status in and out, {@code startedAt} kept), so that a stop
     * racing it wins. The stream is not touched.
     */
    public void reportFailure(String jobId, String why) {
        writeError(jobId, JobStore.errorField("overlay_failed", why).get("error"), false);
    }

    /**
     * The overlay works again (the page is on air, the banners loaded): an {@code overlay_failed}
     * on the job is cleared, the same way it was set. Any other error stays (none is written while
     * a job is active, but a stale one must not be wiped by a banner).
     */
    public void clearFailure(String jobId) {
        writeError(jobId, "", true);
    }

    private void writeError(String jobId, String error, boolean onlyOverlayFailed) {
        if (jobs == null) return;
        decisions.execute(() -> {
            for (int attempt = 0; attempt < 3; attempt++) {
                Optional<StoredJob> job = jobs.get(jobId).toCompletableFuture().join();
                if (job.isEmpty()) return;
                JobStatus status = job.get().job().status();
                if (status != JobStatus.QUEUED && status != JobStatus.RUNNING) return;
                if (onlyOverlayFailed && (job.get().job().error() == null || !"overlay_failed".equals(job.get().job().error().code()))) return;
                Map<String, String> fields = new HashMap<>(Map.of("error", error));
                Long startedAt = job.get().job().startedAt();
                if (startedAt != null) fields.put("startedAt", Long.toString(startedAt));
                if (jobs.transition(jobId, List.of(status), status, fields).toCompletableFuture().join()) return;
            }
        });
    }

    @Override
    public synchronized void close() {
        if (chromium != null) chromium.close();
        if (proxy != null) proxy.close();
        decisions.shutdownNow();
    }
}
