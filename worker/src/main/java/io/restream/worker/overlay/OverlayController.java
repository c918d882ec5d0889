package io.restream.worker.overlay;

import io.restream.core.model.Overlay;
import io.restream.core.net.Redact;
import io.restream.worker.overlay.html.HtmlPage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's live overlay: {@link #update} with the job's overlay whenever it changes (the job's poll
 * does, and {@link OverlayChanges} as soon as a PATCH is published; the newest wins); the banners
 * are fetched and composed on a thread of this controller, then {@link #frame()} returns the new
 * frame, which the encoder's overlay input picks up. Nothing restarts. A banner that cannot be
 * fetched is left out (and logged) rather than failing the job.
 *
 * <p>An {@code htmlBanner} is rendered by the worker's shared browser into a page of this job
 * ({@link HtmlPage}, opened with the first one); each captured frame is composed under the PNG
 * banners as it arrives. {@code enabled=false} keeps the page loaded but draws nothing.
 */
public final class OverlayController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OverlayController.class);

    private final String jobId;
    private final OverlayRenderer renderer;
    private final BannerFetcher fetcher;
    private final ExecutorService executor;
    private final AutoCloseable watch;
    private volatile byte[] frame;
    private Overlay applied;
    private String topUrl;
    private String bottomUrl;
    private BufferedImage top;
    private BufferedImage bottom;
    private volatile HtmlPage page;
    private final Object layers = new Object();
    private byte[] bannerLayer;
    private boolean bannersShown;
    private byte[] htmlLayer;
    // overlay_failed bookkeeping: which fields fail now, whether the HTML page is still to show its
    // first frame, and whether the job may carry an overlay_failed (unknown at start: taken over).
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile String htmlPending;
    private volatile boolean mayCarryFailure = true;

    public OverlayController(String jobId, OverlayRenderer renderer, BannerFetcher fetcher) {
        this.jobId = jobId;
        this.renderer = renderer;
        this.fetcher = fetcher;
        this.frame = renderer.transparent();
        this.bannerLayer = frame;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "overlay-" + jobId);
            t.setDaemon(true);
            return t;
        });
        this.watch = fetcher.changes() == null ? null : fetcher.changes().watch(jobId, this::update);
    }

    /** The current RGBA frame. */
    public byte[] frame() { return frame; }

    /** Applies {@code overlay} (null = none) in the background; the newest call wins. */
    public void update(Overlay overlay) {
        try {
            executor.execute(() -> apply(overlay));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: the job is going away
        }
    }

    /** Applies {@code overlay} and returns when the new frame is in place. */
    public void updateNow(Overlay overlay) {
        try {
            executor.submit(() -> apply(overlay)).get();
        } catch (Exception e) {
            log.warn("job {}: overlay not applied: {}", jobId, e.getMessage());
        }
    }

    private void apply(Overlay overlay) {
        if (Objects.equals(overlay, applied)) return;
        Overlay o = overlay == null ? Overlay.EMPTY : overlay;
        if (!Objects.equals(o.topBanner(), topUrl)) {
            top = load("topBanner", o.topBanner());
            topUrl = o.topBanner();
        }
        if (!Objects.equals(o.bottomBanner(), bottomUrl)) {
            bottom = load("bottomBanner", o.bottomBanner());
            bottomUrl = o.bottomBanner();
        }
        boolean enabled = !Boolean.FALSE.equals(o.enabled());
        boolean topShown = top != null && !Boolean.TRUE.equals(o.hideTop());
        boolean bottomShown = bottom != null && !Boolean.TRUE.equals(o.hideBottom());
        synchronized (layers) {
            bannerLayer = renderer.render(o, top, bottom);
            bannersShown = enabled && (topShown || bottomShown);
            compose();
        }
        showHtml(o.htmlBanner(), enabled);
        applied = overlay;
        settle();
        log.info("job {}: overlay applied (top={}, bottom={}, html={}, enabled={})", jobId, topShown, bottomShown,
                o.htmlBanner() != null, enabled);
    }

    private void showHtml(String url, boolean enabled) {
        if (url == null) {
            failing.remove("htmlBanner");
            htmlPending = null;
        } else if (!url.equals(htmlPending) && !Objects.equals(url, applied == null ? null : applied.htmlBanner())) {
            htmlPending = url;
        }
        if (url != null && page == null) {
            if (fetcher.html() == null) {
                log.warn("job {}: htmlBanner {} not drawn (no HTML renderer in this worker)", jobId, Redact.url(url));
                htmlPending = null;
                return;
            }
            page = fetcher.html().page(jobId, renderer.width(), renderer.height(), this::onHtmlFrame, this::onHtmlFailed, this::onHtmlOnAir);
        }
        if (page != null) page.show(url, enabled);
    }

    private void onHtmlFailed(String why) {
        failing.add("htmlBanner");
        htmlPending = null;
        reportFailure("htmlBanner: " + why);
    }

    private void onHtmlOnAir() {
        failing.remove("htmlBanner");
        htmlPending = null;
        settle();
    }

    private void reportFailure(String why) {
        mayCarryFailure = true;
        if (fetcher.html() != null) fetcher.html().reportFailure(jobId, why);
    }

    /** Everything asked for shows: an {@code overlay_failed} on the job (ours, or from before a takeover) goes. */
    private void settle() {
        if (!mayCarryFailure || !failing.isEmpty() || htmlPending != null || fetcher.html() == null) return;
        mayCarryFailure = false;
        fetcher.html().clearFailure(jobId);
    }

    /** A frame of the HTML page (RGBA), or null when it shows nothing; on the page's thread. */
    private void onHtmlFrame(byte[] rgba) {
        synchronized (layers) {
            htmlLayer = rgba;
            compose();
        }
    }

    private void compose() {
        if (htmlLayer == null) frame = bannerLayer;
        else frame = bannersShown ? renderer.compose(htmlLayer, bannerLayer) : htmlLayer;
    }

    private BufferedImage load(String field, String url) {
        failing.remove(field);
        if (url == null || url.isBlank()) return null;
        try {
            return fetcher.fetch(field, url);
        } catch (IOException e) {
            log.warn("job {}: {} not shown: {}", jobId, field, e.getMessage());
            // Shown on the job (docs/API.md: overlay_failed) so the streamer learns why; the stream goes on.
            failing.add(field);
            reportFailure(e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                log.debug("job {}: {}", jobId, e.getMessage());
            }
        }
        executor.shutdownNow();
        HtmlPage p = page;
        if (p != null) p.close();
    }
}
