package io.restream.core.connections;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Everything secret about a connection: ingest URL and stream key (custom, Instagram, or cached
 * from a platform), OAuth tokens and platform-specific ids. Stored only encrypted; {@code toString}
 * is redacted so that it can never reach a log line.
 *
 * @param accessExpiresAt epoch ms when the access token expires, or null when it does not
 * @param extra platform-specific values (e.g. YouTube's reusable stream id, a Facebook Page token)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionSecrets(
        String ingestUrl,
        String streamKey,
        String accessToken,
        String refreshToken,
        Long accessExpiresAt,
        String scopes,
        Map<String, String> extra) {

    public static ConnectionSecrets ingest(String url, String streamKey) {
        return new ConnectionSecrets(url, streamKey, null, null, null, null, Map.of());
    }

    public Map<String, String> extra() {
        return extra == null ? Map.of() : extra;
    }

    @Override
    public String toString() {
        return "ConnectionSecrets[redacted]";
    }
}
