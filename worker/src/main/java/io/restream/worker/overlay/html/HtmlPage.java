package io.restream.worker.overlay.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's HTML banner, captured {@code fps} times a second from a {@link PageTarget} by a thread
 * of its own; {@link #show} and browser restarts wake it.
 *
 * <pre>
 *   NONE ──url──► LOADING ──DOM ready──► SHOWING ──over budget / crash / stuck──► LOADING (reloaded)
 *                   │ refused, nav error, 20 s          │ again within a minute
 *                   └──────────► FAILED ◄───────────────┘ (shows nothing until another url)
 *   any ──browser gone──► WAITING_BROWSER ──browser back──► LOADING
 * </pre>
 *
 * Frames go to {@code frames} (RGBA, or null = show nothing); each URL's first frame on air is told
 * to {@code onAir}. A failure is reported once per URL through {@code failed}; the stream is never
 * touched. A browser restart is not the page's fault: the page is simply opened again.
 *
 * <p>Each tick is one {@link PageTarget#capture}: with BeginFrame control (see {@link Chromium})
 * that is the only time the page paints. A capture identical to the previous one (same PNG bytes:
 * a still scoreboard) is not decoded or composed again, and the last decoded frame is kept for
 * {@code enabled:true} after {@code enabled:false}.
 */
public final class HtmlPage implements Chromium.Client, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HtmlPage.class);
    static final long LOAD_TIMEOUT_MS = 20_000;
    private static final long STRIKE_WINDOW_MS = 60_000;

    enum State { NONE, WAITING_BROWSER, LOADING, SHOWING, FAILED, CLOSED }

    private final HtmlBanners shared;
    private final String jobId;
    private final int width;
    private final int height;
    private final long periodNanos;
    private final Consumer<byte[]> frames;
    private final Consumer<String> failed;
    private final Runnable onAir;
    private final PageBudget budget;
    private final Frames decoder;
    private final Thread thread;
    private final Semaphore wake = new Semaphore(0);
    private volatile String wantedUrl;
    private volatile boolean visible = true;
    private volatile Cdp browser;
    private volatile boolean closed;
    private volatile long askedAt = System.nanoTime();
    private volatile State state = State.NONE;
    // Owned by the page thread:
    private PageTarget page;
    private String currentUrl;
    private String failedUrl;
    private long reloadedAt;
    private long detachWindowStart;
    private int detaches;
    private boolean showingNothing = true;
    private byte[] lastFrame;
    private byte[] lastPng;
    private boolean announce;

    HtmlPage(HtmlBanners shared, String jobId, int width, int height, int fps, Consumer<byte[]> frames, Consumer<String> failed,
            Runnable onAir) {
        this.shared = shared;
        this.jobId = jobId;
        this.width = width;
        this.height = height;
        this.periodNanos = 1_000_000_000L / fps;
        this.frames = frames;
        this.failed = failed;
        this.onAir = onAir;
        this.budget = new PageBudget(shared.heapBudgetBytes(), shared.cpuBudget());
        this.decoder = new Frames(width, height);
        this.thread = new Thread(this::run, "html-banner-" + jobId);
        thread.setDaemon(true);
        thread.start();
        shared.chromium().attach(this);
    }

    /** Shows {@code url} (null = none); {@code visible=false} keeps it loaded but draws nothing. */
    public void show(String url, boolean visible) {
        if (!java.util.Objects.equals(url, wantedUrl) || visible != this.visible) askedAt = System.nanoTime();
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
            } catch (TimeoutException e) {
                errors = 0;
                strikeQuietly("stopped responding (" + e.getMessage() + ")");
            } catch (Exception e) {
                // Transient while a page swaps renderers (navigation, error page); a strike if it persists.
                log.info("job {}: html banner: {}", jobId, e.getMessage());
                if (++errors >= 3) {
                    errors = 0;
                    strikeQuietly("kept failing (" + e.getMessage() + ")");
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
        decoder.close();
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
        if (page == null || page.cdp != b) {
            if (page != null) page.close(); // the old page's last frame stays up until the new one is ready
            page = null;
            open(b, url);
            return;
        }
        if (!url.equals(page.url) && !page.detached && !page.crashed) {
            navigate(url); // the same target: the old frame stays on air until the new page has painted
            return;
        }
        if (!visible) showNothing();
        if (page.detached) {
            // Chromium now and then detaches a fresh page's session: open it again, not the page's
            // fault, unless it keeps happening.
            long now = System.currentTimeMillis();
            if (now - detachWindowStart > STRIKE_WINDOW_MS) {
                detachWindowStart = now;
                detaches = 0;
            }
            if (++detaches > 3) {
                strike("kept being detached");
            } else {
                log.info("job {}: html banner page was detached; opening it again", jobId);
                page.close();
                page = null;
                open(b, url);
            }
            return;
        }
        if (page.crashed) {
            strike("crashed");
            return;
        }
        if (page.navError != null) {
            fail("the page did not load (" + page.navError + ")");
            return;
        }
        long now = System.currentTimeMillis();
        if (!page.loaded) {
            if (now - page.navigatedAt > LOAD_TIMEOUT_MS) fail("the page did not load within " + LOAD_TIMEOUT_MS / 1000 + " s");
            else page.tick();
            return;
        }
        state = State.SHOWING;
        if (budget.due(now) && !withinBudget(now)) return;
        if (!visible) return;
        long c0 = System.nanoTime();
        byte[] png = page.capture();
        long c1 = System.nanoTime();
        if (closed || !url.equals(wantedUrl)) return;
        if (png != null && !java.util.Arrays.equals(png, lastPng)) {
            lastFrame = decoder.decode(png);
            lastPng = png;
        } else if (lastFrame == null || !showingNothing) {
            return; // nothing new painted: the frame on air stays (no decode, no compose)
        }
        frames.accept(lastFrame);
        if (announce) {
            long end = System.nanoTime();
            // The parts of a switch: the load (guard, proxy, DOM), the capture, the decode.
            log.info("job {}: html banner on air {} ms after it was asked for (capture {} ms, decode {} ms)", jobId,
                    (end - askedAt) / 1_000_000, (c1 - c0) / 1_000_000, (end - c1) / 1_000_000);
            onAir.run();
        }
        showingNothing = false;
        announce = false;
    }

    private void open(Cdp b, String url) throws Exception {
        if (!loading(url)) return;
        page = PageTarget.open(b, shared, url, width, height, wake::release);
        log.info("job {}: html banner loading {}", jobId, page);
    }

    private void navigate(String url) {
        if (!loading(url)) return;
        page.navigate(url);
        log.info("job {}: html banner loading {} in its page", jobId, page);
    }

    /** A new URL is about to load: false when the guard refuses it (then it has failed). */
    private boolean loading(String url) {
        state = State.LOADING;
        String refusal = shared.policy().pageRefusal(url);
        if (refusal != null) {
            fail(refusal);
            return false;
        }
        budget.reset();
        announce = true;
        lastFrame = null;
        lastPng = null;
        return true;
    }

    /** Over budget, crashed or stuck: reload once; a second time within the window drops the page. */
    private void strike(String why) throws Exception {
        long now = System.currentTimeMillis();
        if (reloadedAt == 0 || now - reloadedAt > STRIKE_WINDOW_MS) {
            log.warn("job {}: html banner {}; reloading it", jobId, why);
            reloadedAt = now;
            Cdp b = page == null ? browser : page.cdp;
            forget(true);
            open(b, currentUrl);
        } else {
            fail("the page " + why + " again after a reload; dropped");
        }
    }

    private void strikeQuietly(String why) {
        try {
            strike(why);
        } catch (Exception e) {
            log.info("job {}: html banner not reopened: {}", jobId, e.getMessage());
            forget(true);
        }
    }

    /** False when the page was reloaded or dropped. */
    private boolean withinBudget(long now) throws Exception {
        String over = budget.verdict(page.send("Performance.getMetrics", null).path("metrics"), now);
        if (over == null) return true;
        strike(over);
        return false;
    }

    /** Drops the current URL: nothing is shown until another one comes. */
    private void fail(String why) {
        state = State.FAILED;
        failedUrl = currentUrl;
        log.warn("job {}: html banner not shown: {}", jobId, why);
        forget(true);
        failed.accept(why);
    }

    /** Lets go of the page (closing it in the browser when asked and possible) and shows nothing. */
    private void forget(boolean closeTarget) {
        if (page != null && closeTarget) page.close();
        page = null;
        showNothing();
    }

    private void showNothing() {
        if (!showingNothing) frames.accept(null);
        showingNothing = true;
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
    public String toString() { return "HtmlPage[" + jobId + ", " + state + "]"; }
}
