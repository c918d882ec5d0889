package io.restream.worker.overlay.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.net.Redact;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One opened banner page in the browser: its own browser context (no cookies or storage shared with
 * other jobs, downloads denied), a target at the output size with a transparent background, every
 * request paused for the guard ({@code Fetch}, request stage), dialogs dismissed. What the page
 * reports (loaded = its DOM is ready, crashed, detached, navigation error) is kept here for {@link HtmlPage}'s thread to read.
 *
 * <p>A job's page is opened once and {@link #navigate navigated} from URL to URL: opening a
 * context and a target and setting them up took ≈ 0.8 s of a switch (2-core machine, load ≈ 0.4),
 * navigating the existing target takes none of it, and the old document stays painted until the
 * new one has committed. "Loaded" is the {@code DOMContentLoaded} lifecycle event of the
 * navigation's own loader, so a late event of the previous URL never counts for the new one.
 */
final class PageTarget {
    /** A page that does not answer a command within this is busy or stuck. */
    static final long RESPONSIVE_MS = 5000;

    final Cdp cdp;
    volatile String url;
    volatile long navigatedAt;
    private final String contextId;
    private final String targetId;
    private final String sessionId;
    private final HtmlBanners shared;
    private final Runnable wake;
    volatile boolean loaded;
    volatile boolean crashed;
    volatile String navError;
    volatile boolean detached;
    private CompletableFuture<JsonNode> pendingFrame; // page thread only
    private boolean pendingShot;
    // Which navigation counts (guarded by this): its number, its loader once Page.navigate answers,
    // and the loaders whose DOM was ready meanwhile (the event can come before the answer).
    private long navigation;
    private String loader;
    private final java.util.Set<String> readyLoaders = new java.util.HashSet<>();

    private PageTarget(Cdp cdp, String url, HtmlBanners shared, Runnable wake, String contextId, String targetId, String sessionId) {
        this.cdp = cdp;
        this.url = url;
        this.shared = shared;
        this.wake = wake;
        this.contextId = contextId;
        this.targetId = targetId;
        this.sessionId = sessionId;
    }

    /** Opens and starts loading {@code url}; does not wait for the load (see {@link #loaded}). */
    static PageTarget open(Cdp b, HtmlBanners shared, String url, int width, int height, Runnable wake)
            throws IOException, InterruptedException {
        String context = browser(b, "Target.createBrowserContext", Map.of("disposeOnDetach", true)).path("browserContextId").asText();
        b.send("", "Browser.setDownloadBehavior", Map.of("behavior", "deny", "browserContextId", context));
        Map<String, Object> create = new java.util.HashMap<>(Map.of("url", "about:blank", "browserContextId", context,
                "width", width, "height", height));
        if (Chromium.BEGIN_FRAMES) create.put("enableBeginFrameControl", true); // paints only when captured
        String target = browser(b, "Target.createTarget", create).path("targetId").asText();
        String session = browser(b, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
        PageTarget page = new PageTarget(b, url, shared, wake, context, target, session);
        b.listen(session, page::onEvent);
        try {
            page.setUp(url, width, height);
        } catch (TimeoutException | IOException | RuntimeException e) {
            page.close();
            throw new IOException("opening the page: " + e.getMessage(), e);
        }
        return page;
    }

    private void setUp(String url, int width, int height) throws IOException, TimeoutException, InterruptedException {
        // Sent together (the page answers them in order), awaited together: one round trip, not five.
        List<CompletableFuture<JsonNode>> all = List.of(
                cdp.send(sessionId, "Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", "*", "requestStage", "Request")))),
                cdp.send(sessionId, "Page.enable", null),
                cdp.send(sessionId, "Page.setLifecycleEventsEnabled", Map.of("enabled", true)),
                cdp.send(sessionId, "Performance.enable", null),
                cdp.send(sessionId, "Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false)),
                cdp.send(sessionId, "Emulation.setDefaultBackgroundColorOverride", Map.of("color", Map.of("r", 0, "g", 0, "b", 0, "a", 0))));
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(RESPONSIVE_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("page set-up: " + e.getCause().getMessage(), e.getCause());
        }
        navigate(url);
    }

    /**
     * Starts loading {@code url} in this target (the caller has checked it against the guard);
     * does not wait (see {@link #loaded}). The current document stays until the new one commits.
     */
    void navigate(String url) {
        long n;
        synchronized (this) {
            n = ++navigation;
            loader = null;
            readyLoaders.clear();
            this.url = url;
            navigatedAt = System.currentTimeMillis();
            loaded = false;
            navError = null;
        }
        // Not awaited: a server that never answers holds the command; the load deadline covers it.
        cdp.send(sessionId, "Page.navigate", Map.of("url", url)).thenAccept(nav -> navigated(n, nav));
    }

    private synchronized void navigated(long n, JsonNode nav) {
        if (n != navigation) return; // superseded by a newer navigation
        String error = nav.path("errorText").asText("");
        String id = nav.path("loaderId").asText("");
        if (!error.isEmpty()) {
            navError = error;
        } else if (id.isEmpty() || readyLoaders.contains(id)) {
            loaded = true; // same-document navigation (no new loader), or its DOM was ready already
        } else {
            loader = id;
            return;
        }
        wake.run();
    }

    private synchronized void domReady(String loaderId) {
        if (loaderId.equals(loader)) {
            loaded = true;
            wake.run();
        } else if (loader == null) {
            readyLoaders.add(loaderId);
        }
    }

    /** On the DevTools event thread: quick answers, or hand-offs to the shared executor. */
    private void onEvent(String method, JsonNode params) {
        switch (method) {
            case "Fetch.requestPaused" -> shared.decide(cdp, sessionId, params);
            case "Page.lifecycleEvent" -> {
                if (params.path("name").asText().equals("DOMContentLoaded")) domReady(params.path("loaderId").asText());
            }
            case "Inspector.targetCrashed" -> {
                crashed = true;
                wake.run();
            }
            case "Page.javascriptDialogOpening" -> cdp.send(sessionId, "Page.handleJavaScriptDialog", Map.of("accept", false));
            case "Restream.disconnected" -> wake.run();
            case "Target.detachedFromTarget" -> {
                detached = true;
                wake.run();
            }
            default -> { }
        }
    }

    /** A command to the page; {@link TimeoutException} when it does not answer within RESPONSIVE_MS. */
    JsonNode send(String method, Object params) throws IOException, TimeoutException, InterruptedException {
        try {
            return cdp.send(sessionId, method, params).get(RESPONSIVE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException(method + " took over " + RESPONSIVE_MS / 1000 + " s");
        } catch (ExecutionException e) {
            throw new IOException(method + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Has the page paint one frame now and returns it as PNG, or null when there is no new picture
     * yet: the first frames before its surface exists, or a frame still being painted after
     * {@link #RESPONSIVE_MS} (a starved machine: the frame on air stays, and the next call waits
     * for the same frame rather than asking for another, which the browser would refuse as "another
     * frame is pending"). A frame unanswered for {@link Cdp#COMMAND_TIMEOUT_MS} is a stuck page
     * ({@link TimeoutException}). With {@link Chromium#BEGIN_FRAMES} this is the only time the page
     * paints; otherwise it is a screenshot of what it painted last. Page thread only.
     */
    byte[] capture() throws IOException, TimeoutException, InterruptedException {
        if (!Chromium.BEGIN_FRAMES) {
            return png(send("Page.captureScreenshot", Map.of("format", "png", "optimizeForSpeed", true)).path("data"));
        }
        if (pendingFrame == null) {
            pendingFrame = cdp.send(sessionId, "HeadlessExperimental.beginFrame",
                    Map.of("screenshot", Map.of("format", "png", "optimizeForSpeed", true)));
            pendingShot = true;
        }
        JsonNode result;
        try {
            result = pendingFrame.get(RESPONSIVE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            pendingFrame = null;
            if (e.getCause() instanceof TimeoutException) {
                throw new TimeoutException("HeadlessExperimental.beginFrame took over " + Cdp.COMMAND_TIMEOUT_MS / 1000 + " s");
            }
            throw new IOException("HeadlessExperimental.beginFrame: " + e.getCause().getMessage(), e.getCause());
        }
        pendingFrame = null;
        return pendingShot ? png(result.path("screenshotData")) : capture(); // a loading tick came first
    }

    /** Lets the page paint a frame without capturing it (while it loads: some pages wait for frames). */
    void tick() {
        if (!Chromium.BEGIN_FRAMES || (pendingFrame != null && !pendingFrame.isDone())) return;
        pendingFrame = cdp.send(sessionId, "HeadlessExperimental.beginFrame", Map.of());
        pendingShot = false;
    }

    private static byte[] png(JsonNode base64) {
        return base64.isMissingNode() || base64.isNull() ? null : java.util.Base64.getDecoder().decode(base64.asText());
    }

    /** Closes the target and its context, if the browser is still there. */
    void close() {
        cdp.unlisten(sessionId);
        if (!cdp.isOpen()) return;
        cdp.send("", "Target.closeTarget", Map.of("targetId", targetId));
        cdp.send("", "Target.disposeBrowserContext", Map.of("browserContextId", contextId));
    }

    @Override
    public String toString() { return Redact.url(url); }

    /** Browser-level set-up commands: slow on a loaded machine, which is not the page's fault. */
    private static JsonNode browser(Cdp b, String method, Object params) throws IOException, InterruptedException {
        try {
            return b.send("", method, params).get(Cdp.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException(method + ": " + e.getMessage());
        }
    }
}
