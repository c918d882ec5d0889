/**
 * HTML banners: the worker's one supervised headless Chromium ({@link io.restream.worker.overlay.html.Chromium};
 * {@code chromium-headless-shell} with BeginFrame control when installed, so a page paints only when captured),
 * driven over the DevTools protocol ({@link io.restream.worker.overlay.html.Cdp}); one page per job
 * ({@link io.restream.worker.overlay.html.HtmlPage}) captured at the overlay fps and navigated from URL to URL in
 * the same target ({@link io.restream.worker.overlay.html.PageTarget}); captures decoded straight to RGBA
 * ({@link io.restream.worker.overlay.html.FrameFeed}, {@link io.restream.worker.overlay.html.Frames}); every request
 * of a page through the overlay URL guard, at the DevTools request stage and again in the proxy that is the
 * browser's only way out ({@link io.restream.worker.overlay.html.GuardProxy}); memory/CPU budgets;
 * {@code overlay_failed} on the job when a page is dropped.
 */
package io.restream.worker.overlay.html;
