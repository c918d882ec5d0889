/**
 * HTML banners: the worker's one supervised headless Chromium ({@link io.restream.worker.overlay.html.Chromium}),
 * driven over the DevTools protocol ({@link io.restream.worker.overlay.html.Cdp}); one page per job
 * ({@link io.restream.worker.overlay.html.HtmlPage}) captured at the overlay fps; every request of a page
 * through the overlay URL guard, at the DevTools request stage and again in the proxy that is the browser's
 * only way out ({@link io.restream.worker.overlay.html.GuardProxy}); memory/CPU budgets; {@code overlay_failed}
 * on the job when a page is dropped.
 */
package io.restream.worker.overlay.html;
