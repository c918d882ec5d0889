package io.restream.worker.overlay.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's HTML banner: a page in its own browser context (no shared cookies or storage) at the
 * output size, with a transparent background, captured {@code fps} times a second. Driven by one
 * thread of its own; {@link #show} and browser restarts wake it.
 *
 * <pre>
 *   NONE ──url──► LOADING ──load event──► SHOWING ──over budget / crash──► LOADING (reloaded once)
 *                   │ refused, error, 10 s           │ again within a minute        └──► FAILED
 *                   └──────────────► FAILED ◄────────┘ (shows nothing until another url)
 *   any ──browser gone──► WAITING_BROWSER ──browser back──► LOADING
 * </pre>
 *
 * Frames go to {@code frames} (RGBA, or null = show nothing). A failure is reported once per URL
 * through {@code failed}; the stream is never touched.
 */
public final class HtmlPage implements Chromium.Client, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HtmlPage.class);
    static final long LOAD_TIMEOUT_MS = 10_000;
    private static final long BUDGET_EVERY_MS = 2000;
    private static final int CPU_STRIKES = 5; // consecutive checks over the CPU budget (≈10 s)
    private static final long STRIKE_WINDOW_MS = 60_000;
    private static final long RESPONSIVE_MS = 5000;

    enum State { NONE, WAITING_BROWSER, LOADING, SHOWING, FAILED, CLOSED }

    private final HtmlBanners shared;
    private final String jobId;
    private final int width;
    private final int height;
    private final long periodNanos;
    private final Consumer<byte[]> frames;
    private final Consumer<String> failed;
    private final Thread thread;
    private final Semaphore wake = new Semaphore(0);
    private volatile String wantedUrl;
    private volatile boolean visible = true;
    private volatile Cdp browser;
    private volatile boolean closed;
    private volatile boolean loaded;
    private volatile boolean crashed;
    private volatile String navError;
    private volatile State state = State.NONE;
    // Owned by the page thread:
    private Cdp openOn;
    private String openUrl;
    private String failedUrl;
    private String currentUrl;
    private String contextId;
    private String targetId;
    private volatile String sessionId;
    private long navigatedAt;
    private long lastBudgetCheck;
    private double lastTaskSeconds = -1;
    private int cpuStrikes;
    private long reloadedAt;
    private boolean showingNothing = true;

    HtmlPage(HtmlBanners shared, String jobId, int width, int height, int fps, Consumer<byte[]> frames, Consumer<String> failed) {
        this.shared = shared;
        this.jobId = jobId;
        this.width = width;
        this.height = height;
        this.periodNanos = 1_000_000_000L / fps;
        this.frames = frames;
        this.failed = failed;
        this.thread = new Thread(this::run, "html-banner-" + jobId);
        thread.setDaemon(true);
        thread.start();
        shared.chromium().attach(this);
    }

    /** Shows {@code url} (null = none); {@code visible=false} keeps it loaded but draws nothing. */
    public void show(String url, boolean visible) {
        this.wantedUrl = url;
        this.visible = visible;
        wake.release();
    }

    State state() { return state; }

    @Override
    public void onBrowser(Cdp cdp) {
        browser = cdp;
        wake.release();
    }

    private void run() {
        long next = System.nanoTime();
        int errors = 0;
        while (!closed) {
            try {
                step();
                errors = 0;
            } catch (java.util.concurrent.TimeoutException e) {
                errors = 0;
                try {
                    strike("stopped responding (" + e.getMessage() + ")");
                } catch (Exception again) {
                    forget(true);
                }
            } catch (Exception e) {
                // Transient while a page swaps renderers (navigation, crash page); reopen if it persists.
                log.info("job {}: html banner: {}", jobId, e.getMessage());
                if (++errors >= 3) {
                    errors = 0;
                    try {
                        strike("kept failing (" + e.getMessage() + ")");
                    } catch (Exception again) {
                        forget(true);
                    }
                }
            }
            long now = System.nanoTime();
            next = Math.max(next + periodNanos, now - periodNanos);
            try {
                if (wake.tryAcquire(Math.max(0, next - now), TimeUnit.NANOSECONDS)) wake.drainPermits();
            } catch (InterruptedException e) {
                break;
            }
        }
        forget(true);
        state = State.CLOSED;
    }

    private void step() throws Exception {
        String url = wantedUrl;
        Cdp b = browser;
        if (url == null) {
            failedUrl = null;
            forget(true);
            state = State.NONE;
            return;
        }
        if (url.equals(failedUrl)) return;
        currentUrl = url;
        if (b == null || !b.isOpen()) {
            if (state != State.WAITING_BROWSER) log.info("job {}: html banner waits for the browser", jobId);
            forget(false);
            state = State.WAITING_BROWSER;
            return;
        }
        if (openOn != b || !url.equals(openUrl)) {
            forget(true);
            open(b, url);
            return;
        }
        if (crashed) {
            strike("crashed");
            return;
        }
        long now = System.currentTimeMillis();
        if (navError != null) {
            fail("the page did not load (" + navError + ")");
            return;
        }
        if (!loaded) {
            if (now - navigatedAt > LOAD_TIMEOUT_MS) fail("the page did not load within " + LOAD_TIMEOUT_MS / 1000 + " s");
            return;
        }
        state = State.SHOWING;
        if (now - lastBudgetCheck >= BUDGET_EVERY_MS && !checkBudget(now)) return;
        if (visible) {
            JsonNode shot = send(b, "Page.captureScreenshot", Map.of("format", "png", "optimizeForSpeed", true));
            if (closed || !url.equals(wantedUrl)) return;
            frames.accept(Frames.decodePng(Base64.getDecoder().decode(shot.path("data").asText()), width, height));
            showingNothing = false;
        } else {
            showNothing();
        }
    }

    /** Opens {@code url}; slow set-up commands (a loaded machine) are not the page's fault. */
    private void open(Cdp b, String url) throws Exception {
        try {
            openPage(b, url);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new java.io.IOException("opening the page: " + e.getMessage());
        }
    }

    private void openPage(Cdp b, String url) throws Exception {
        state = State.LOADING;
        String refusal = shared.policy().pageRefusal(url);
        if (refusal != null) {
            fail(refusal);
            return;
        }
        openOn = b;
        openUrl = url;
        loaded = false;
        crashed = false;
        lastTaskSeconds = -1;
        cpuStrikes = 0;
        contextId = b.send("", "Target.createBrowserContext", Map.of("disposeOnDetach", true))
                .get(Cdp.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS).path("browserContextId").asText();
        b.send("", "Browser.setDownloadBehavior", Map.of("behavior", "deny", "browserContextId", contextId));
        targetId = b.send("", "Target.createTarget", Map.of("url", "about:blank", "browserContextId", contextId,
                "width", width, "height", height)).get(Cdp.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS).path("targetId").asText();
        sessionId = b.send("", "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .get(Cdp.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS).path("sessionId").asText();
        String session = sessionId;
        b.listen(session, (method, params) -> onEvent(b, session, method, params));
        send(b, "Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", "*", "requestStage", "Request"))));
        send(b, "Page.enable", null);
        send(b, "Performance.enable", null);
        send(b, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        send(b, "Emulation.setDefaultBackgroundColorOverride", Map.of("color", Map.of("r", 0, "g", 0, "b", 0, "a", 0)));
        navigatedAt = System.currentTimeMillis();
        navError = null;
        // Not awaited: a server that never answers holds the command; the load deadline covers it.
        b.send(session, "Page.navigate", Map.of("url", url)).thenAccept(nav -> {
            String error = nav.path("errorText").asText("");
            if (!error.isEmpty() && session.equals(sessionId)) {
                navError = error;
                wake.release();
            }
        });
        log.info("job {}: html banner loading {}", jobId, io.restream.core.net.Redact.url(url));
    }

    /** Runs on the DevTools event thread: quick decisions, or hand-offs to the shared executor. */
    private void onEvent(Cdp b, String session, String method, JsonNode params) {
        switch (method) {
            case "Fetch.requestPaused" -> shared.decide(b, session, params);
            case "Page.loadEventFired" -> {
                loaded = true;
                wake.release();
            }
            case "Inspector.targetCrashed" -> {
                crashed = true;
                wake.release();
            }
            case "Page.javascriptDialogOpening" -> b.send(session, "Page.handleJavaScriptDialog", Map.of("accept", false));
            case "Restream.disconnected" -> wake.release();
            default -> { }
        }
    }

    /** Over budget or crashed: reload once; a second time within the window drops the page. */
    private void strike(String why) throws Exception {
        long now = System.currentTimeMillis();
        if (reloadedAt == 0 || now - reloadedAt > STRIKE_WINDOW_MS) {
            log.warn("job {}: html banner {}; reloading it", jobId, why);
            reloadedAt = now;
            String url = openUrl;
            Cdp b = openOn;
            forget(true);
            open(b, url);
        } else {
            fail("the page " + why + " again after a reload; dropped");
        }
    }

    /** False when the page was reloaded or dropped. */
    private boolean checkBudget(long now) throws Exception {
        JsonNode metrics = send(openOn, "Performance.getMetrics", null).path("metrics");
        double heap = 0;
        double task = 0;
        for (JsonNode m : metrics) {
            if (m.path("name").asText().equals("JSHeapUsedSize")) heap = m.path("value").asDouble();
            if (m.path("name").asText().equals("TaskDuration")) task = m.path("value").asDouble();
        }
        double cpu = lastTaskSeconds < 0 ? 0 : (task - lastTaskSeconds) * 1000.0 / Math.max(1, now - lastBudgetCheck);
        lastTaskSeconds = task;
        lastBudgetCheck = now;
        cpuStrikes = cpu > shared.cpuBudget() ? cpuStrikes + 1 : 0;
        if (heap > shared.heapBudgetBytes()) {
            strike(String.format("went over its memory budget (%d MB of JS heap)", (long) (heap / 1e6)));
            return false;
        }
        if (cpuStrikes >= CPU_STRIKES) {
            strike(String.format("went over its CPU budget (%.0f%% of a core)", cpu * 100));
            return false;
        }
        return true;
    }

    /** Drops the current URL: nothing is shown until another one comes. */
    private void fail(String why) {
        state = State.FAILED;
        failedUrl = currentUrl;
        log.warn("job {}: html banner not shown: {}", jobId, why);
        forget(true);
        failed.accept(why);
    }

    /** Closes the page's target and context (if the browser still has them) and shows nothing. */
    private void forget(boolean closeTarget) {
        Cdp b = openOn;
        if (b != null && sessionId != null) b.unlisten(sessionId);
        if (closeTarget && b != null && b.isOpen() && contextId != null) {
            if (targetId != null) b.send("", "Target.closeTarget", Map.of("targetId", targetId));
            b.send("", "Target.disposeBrowserContext", Map.of("browserContextId", contextId));
        }
        openOn = null;
        openUrl = null;
        contextId = null;
        targetId = null;
        sessionId = null;
        loaded = false;
        showNothing();
    }

    private void showNothing() {
        if (!showingNothing) frames.accept(null);
        showingNothing = true;
    }

    /** A command to the page; a page that does not answer within RESPONSIVE_MS is busy or stuck. */
    private JsonNode send(Cdp b, String method, Object params) throws Exception {
        try {
            return b.send(sessionId, method, params).get(RESPONSIVE_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new java.util.concurrent.TimeoutException(method + " took over " + RESPONSIVE_MS / 1000 + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new java.io.IOException(method + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        closed = true;
        shared.chromium().detach(this);
        wake.release();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() { return "HtmlPage[" + jobId + ", " + state + ", " + Objects.toString(wantedUrl) + "]"; }
}
