package io.restream.core.model;

import java.util.Map;

/** Viewer counts of the user's current live job, per platform and in total. */
public record Viewers(long total, Map<String, Long> platforms, long updatedAt) {
    public static Viewers none(long now) {
        return new Viewers(0, Map.of(), now);
    }
}
