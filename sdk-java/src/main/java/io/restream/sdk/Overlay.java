package io.restream.sdk;

/**
 * Banners drawn over the live output (API.md §4). As a change ({@link RestreamStudio#updateOverlay}),
 * fields left null keep their current values; start from a factory and add with the {@code with…}
 * methods: {@code Overlay.topBanner(url).withHideBottom(true)}.
 *
 * @param htmlBanner URL of an HTML page rendered as a banner
 * @param topBanner URL of a PNG drawn at the top
 * @param bottomBanner URL of a PNG drawn at the bottom
 * @param hideTop hide the top banner without forgetting it
 * @param hideBottom hide the bottom banner without forgetting it
 * @param enabled draw the overlay at all
 */
public record Overlay(String htmlBanner, String topBanner, String bottomBanner, Boolean hideTop, Boolean hideBottom, Boolean enabled) {
    /** Nothing set: every field keeps its value. */
    public static Overlay none() {
        return new Overlay(null, null, null, null, null, null);
    }

    public static Overlay topBanner(String url) {
        return none().withTopBanner(url);
    }

    public static Overlay bottomBanner(String url) {
        return none().withBottomBanner(url);
    }

    public static Overlay htmlBanner(String url) {
        return none().withHtmlBanner(url);
    }

    public Overlay withHtmlBanner(String url) {
        return new Overlay(url, topBanner, bottomBanner, hideTop, hideBottom, enabled);
    }

    public Overlay withTopBanner(String url) {
        return new Overlay(htmlBanner, url, bottomBanner, hideTop, hideBottom, enabled);
    }

    public Overlay withBottomBanner(String url) {
        return new Overlay(htmlBanner, topBanner, url, hideTop, hideBottom, enabled);
    }

    public Overlay withHideTop(boolean hide) {
        return new Overlay(htmlBanner, topBanner, bottomBanner, hide, hideBottom, enabled);
    }

    public Overlay withHideBottom(boolean hide) {
        return new Overlay(htmlBanner, topBanner, bottomBanner, hideTop, hide, enabled);
    }

    public Overlay withEnabled(boolean on) {
        return new Overlay(htmlBanner, topBanner, bottomBanner, hideTop, hideBottom, on);
    }
}
