package io.restream.platforms;

import io.restream.core.crypto.Secret;
import java.util.Map;

/**
 * One OAuth platform's app credentials and base URLs. Every URL is configuration, so the
 * simulator stands in by changing nothing else.
 *
 * @param authUrl the consent page (e.g. {@code https://id.twitch.tv/oauth2/authorize})
 * @param tokenUrl the token endpoint
 * @param revokeUrl the revocation endpoint (Facebook: unused, it revokes with {@code DELETE /me/permissions})
 * @param apiUrl the REST API base (Helix, YouTube Data v3, Kick's {@code api.kick.com}, the Graph API with its version)
 * @param more platform-specific URLs ({@code validate}, {@code ingests} for Twitch)
 */
public record PlatformEndpoints(
        String clientId,
        Secret clientSecret,
        String authUrl,
        String tokenUrl,
        String revokeUrl,
        String apiUrl,
        Map<String, String> more) {

    public String more(String key) {
        return more.get(key);
    }

    @Override
    public String toString() {
        return "PlatformEndpoints[clientId=" + clientId + ", apiUrl=" + apiUrl + "]";
    }
}
