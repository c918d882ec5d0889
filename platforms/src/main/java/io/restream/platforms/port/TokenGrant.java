package io.restream.platforms.port;

import io.restream.core.connections.ConnectionSecrets;
import java.util.HashMap;
import java.util.Map;

/**
 * Tokens a platform granted.
 *
 * @param refreshToken null when the platform issues none (Facebook) or did not rotate it
 * @param accessExpiresAt epoch ms, or null when the platform gave no lifetime
 */
public record TokenGrant(String accessToken, String refreshToken, Long accessExpiresAt, String scopes) {
    /** The stored secrets with these tokens, keeping the previous refresh token when none came. */
    public ConnectionSecrets applyTo(ConnectionSecrets previous, Map<String, String> extraUpdates) {
        Map<String, String> extra = new HashMap<>(previous == null ? Map.of() : previous.extra());
        extra.putAll(extraUpdates);
        return new ConnectionSecrets(
                previous == null ? null : previous.ingestUrl(),
                previous == null ? null : previous.streamKey(),
                accessToken,
                refreshToken != null ? refreshToken : previous == null ? null : previous.refreshToken(),
                accessExpiresAt,
                scopes != null ? scopes : previous == null ? null : previous.scopes(),
                Map.copyOf(extra));
    }

    @Override
    public String toString() {
        return "TokenGrant[redacted]";
    }
}
