package io.restream.sdk;

import java.util.Map;

/**
 * Viewer counts of the current live job, merged over its platforms.
 *
 * @param total the sum over every platform
 * @param platforms the count per platform, e.g. {@code {twitch=12, kick=5}}
 */
public record Viewers(long total, Map<String, Number> platforms) {
    /** No live job, nobody watching. */
    public static final Viewers NONE = new Viewers(0, Map.of());

    public Viewers {
        platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
    }
}
