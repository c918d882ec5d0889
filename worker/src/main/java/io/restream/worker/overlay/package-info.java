/**
 * The job's overlay: banner PNGs fetched behind the SSRF guard with a size limit
 * ({@link io.restream.worker.overlay.BannerFetcher}), composed into one RGBA frame of the output size
 * ({@link io.restream.worker.overlay.OverlayRenderer}), and swapped in live when the job's overlay
 * changes ({@link io.restream.worker.overlay.OverlayController}). {@code htmlBanner} pages are rendered
 * by the worker's headless Chromium ({@code overlay.html}) and composed under the banners.
 */
package io.restream.worker.overlay;
