package io.restream.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Banners burned into the output. Every field is optional; {@link #merge} applies a PATCH, where an
 * absent field keeps its value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Overlay(
        String htmlBanner,
        String topBanner,
        String bottomBanner,
        Boolean hideTop,
        Boolean hideBottom,
        Boolean enabled) {

    public static final Overlay EMPTY = new Overlay(null, null, null, null, null, null);

    public Overlay merge(Overlay patch) {
        if (patch == null) return this;
        return new Overlay(
                patch.htmlBanner != null ? patch.htmlBanner : htmlBanner,
                patch.topBanner != null ? patch.topBanner : topBanner,
                patch.bottomBanner != null ? patch.bottomBanner : bottomBanner,
                patch.hideTop != null ? patch.hideTop : hideTop,
                patch.hideBottom != null ? patch.hideBottom : hideBottom,
                patch.enabled != null ? patch.enabled : enabled);
    }

    /** Whether anything would be drawn: enabled (the default) with at least one visible banner. */
    public boolean drawsAnything() {
        if (Boolean.FALSE.equals(enabled)) return false;
        boolean top = topBanner != null && !Boolean.TRUE.equals(hideTop);
        boolean bottom = bottomBanner != null && !Boolean.TRUE.equals(hideBottom);
        return top || bottom || htmlBanner != null;
    }
}
