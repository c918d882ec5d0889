package io.restream.worker.overlay;

import io.restream.core.net.PinnedFetch;
import io.restream.core.net.UrlGuard;
import io.restream.worker.overlay.html.HtmlBanners;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Fetches a banner image: the URL passes the SSRF guard first (scheme, and no internal address
 * unless the operator allows it), the connection goes to the address the guard checked (no DNS
 * rebinding in between), redirects are not followed (they could lead past the guard), and
 * the body is cut off beyond {@code maxBytes}. Blocking: call it off the event loop. It also carries
 * what the jobs' overlays share to each of them: the worker's {@link HtmlBanners} (HTML banners are
 * banners too) and its {@link OverlayChanges}.
 */
public final class BannerFetcher implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Set<String> schemes;
    private final long maxBytes;
    private final HtmlBanners html;
    private final OverlayChanges changes;
    private final PinnedFetch http;

    public BannerFetcher(UrlGuard guard, boolean allowHttp, long maxBytes) {
        this(guard, allowHttp, maxBytes, null);
    }

    /** @param html the worker's HTML banner renderer (null: {@code htmlBanner} is not drawn) */
    public BannerFetcher(UrlGuard guard, boolean allowHttp, long maxBytes, HtmlBanners html) {
        this(guard, allowHttp, maxBytes, html, null);
    }

    /** @param changes where overlay PATCHes are heard as they are published (null: at the job's poll only) */
    public BannerFetcher(UrlGuard guard, boolean allowHttp, long maxBytes, HtmlBanners html, OverlayChanges changes) {
        this.html = html;
        this.changes = changes;
        this.http = new PinnedFetch(guard);
        this.schemes = allowHttp ? Set.of("https", "http") : Set.of("https");
        this.maxBytes = maxBytes;
    }

    /** The worker's HTML banner renderer, shared by its jobs, or null. */
    public HtmlBanners html() { return html; }

    /** The worker's overlay change subscription, or null. */
    public OverlayChanges changes() { return changes; }

    /** @throws IOException when refused, unreachable, too large or not an image */
    public BufferedImage fetch(String field, String url) throws IOException, InterruptedException {
        PinnedFetch.Response response = http.get(field, url, schemes, maxBytes, TIMEOUT);
        if (response.status() != 200) throw new IOException(field + ": HTTP " + response.status());
        return decodeBounded(field, response.body());
    }

    /** Ends the fetcher's connections and the worker's HTML banner renderer. */
    @Override
    public void close() {
        http.close();
        if (html != null) html.close();
        if (changes != null) changes.close();
    }

    /** Banners are at most twice a 1080p output per side: bigger ones are refused before any pixel is decoded. */
    static final int MAX_SIDE_W = 3840;
    static final int MAX_SIDE_H = 2160;
    static final long MAX_PIXELS = (long) MAX_SIDE_W * MAX_SIDE_H;

    /**
     * Reads the image's dimensions from its header and refuses it when too large, so that a small
     * file declaring 16000×16000 pixels (a decompression bomb) never allocates its raster.
     */
    static BufferedImage decodeBounded(String field, byte[] bytes) throws IOException {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new IOException(field + ": not an image");
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w > MAX_SIDE_W || h > MAX_SIDE_H || (long) w * h > MAX_PIXELS) {
                    throw new IOException(field + ": image of " + w + "x" + h + " is larger than " + MAX_SIDE_W + "x" + MAX_SIDE_H);
                }
                BufferedImage image = reader.read(0);
                if (image == null) throw new IOException(field + ": not an image");
                return image;
            } catch (RuntimeException e) {
                throw new IOException(field + ": not a readable image", e);
            } finally {
                reader.dispose();
            }
        }
    }
}
