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
 *   NONE ──url──► LOADING ──DOM ready──► SHOWING ──another url: same target navigated──► LOADING
 *                   │ refused, nav error,   │ over budget / crash / stuck ──► LOADING (reloaded);
 *                   │ 20 s                  │ again within a minute:
 *                   └──────────────────► FAILED (shows nothing until another url)
 *   any ──browser gone──► WAITING_BROWSER ──browser back──► LOADING
 * </pre>
 *
 * Frames go to {@code frames} (RGBA, or null = show nothing); each URL's first frame on air is told
 * to {@code onAir}. A failure is reported once per URL through {@code failed}; the stream is never
 * touched. A browser restart is not the page's fault: the page is simply opened again.
 *
 * <p>Each tick is one {@link PageTarget#capture}: with BeginFrame control (see {@link Chromium})
 * that is the only time the page paints, and a loading page gets a frame every
 * {@link #LOADING_TICK_MS} so that it commits and lays out without waiting for the overlay's fps.
 * Another URL is loaded into the same target ({@link PageTarget#navigate}); the old banner stays
 * on air until the new one's first capture. {@link FrameFeed} decodes and delivers the captures.
 */
public final class HtmlPage implements Chromium.Client, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HtmlPage.class);
    static final long LOAD_TIMEOUT_MS = 20_000;
    private static final long STRIKE_WINDOW_MS = 60_000;
    /** Frames a loading page gets with BeginFrame control: one every this many ms (see {@link #run}). */
    private static final long LOADING_TICK_MS = 40;

    enum State { NONE, WAITING_BROWSER, LOADING, SHOWING, FAILED, CLOSED }

    private final HtmlBanners shared;
    private final String jobId;
    private final int width;
    private final int height;
    private final long periodNanos;
    private final Consumer<String> failed;
    private final PageBudget budget;
    private final FrameFeed feed;
    private final Thread thread;
    private final Semaphore wake = new Semaphore(0);
    private volatile String wantedUrl;
    private volatile boolean visible = true;
    private volatile Cdp browser;
    private volatile boolean closed;
    private volatile long askedAt = System.nanoTime();
    private volatile State state = State.NONE;
    // Owned by the page thread (page volatile for tests' eyes):
    private volatile PageTarget page;
    private String currentUrl;
    private String failedUrl;
    private long reloadedAt;
    private long detachWindowStart;
    private int detaches;

    HtmlPage(HtmlBanners shared, String jobId, int width, int height, int fps, Consumer<byte[]> frames, Consumer<String> failed,
            Runnable onAir) {
        this.shared = shared;
        this.jobId = jobId;
        this.width = width;
        this.height = height;
        this.periodNanos = 1_000_000_000L / fps;
        this.failed = failed;
        this.budget = new PageBudget(shared.heapBudgetBytes(), shared.cpuBudget());
        this.feed = new FrameFeed(jobId, width, height, frames, onAir);
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

    PageTarget target() { return page; } // the browser target now (null: none)

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
            long wait;
            if (Chromium.BEGIN_FRAMES && state == State.LOADING && page != null) {
                // A page paints (and so commits, lays out, runs its first frame) only on beginFrame:
                // while it loads it gets them every LOADING_TICK_MS, not at the overlay's fps.
                next = now;
                wait = LOADING_TICK_MS * 1_000_000;
            } else {
                next = Math.max(next + periodNanos, now - periodNanos);
                wait = Math.max(0, next - now);
            }
            try {
                if (wake.tryAcquire(wait, TimeUnit.NANOSECONDS)) wake.drainPermits();
            } catch (InterruptedException e) {
                break;
            }
        }
        forget(true);
        feed.close();
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
        feed.captured(png, askedAt, c0, c1);
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
        feed.newUrl();
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

    private void showNothing() { feed.showNothing(); }

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
