package io.restream.core.model;

/**
 * A connected destination as clients see it. Tokens and stream keys live beside it, encrypted,
 * and never in this record.
 */
public record Connection(
        String id,
        Platform platform,
        String platformUsername,
        String platformUserId,
        long connectedAt,
        boolean needsReconnect) {

    public Connection withNeedsReconnect(boolean value) {
        return new Connection(id, platform, platformUsername, platformUserId, connectedAt, value);
    }
}
