package io.restream.sim.oauth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one platform's OAuth server behaves: its paths, whether PKCE is required, whether refresh
 * tokens rotate, and the shape of its token answers and errors.
 */
enum OAuthFlavor {
    TWITCH("twitch", "/twitch/oauth2/authorize", "/twitch/oauth2/token", false, true, true),
    YOUTUBE("youtube", "/youtube/o/oauth2/v2/auth", "/youtube/token", false, false, true),
    KICK("kick", "/kick/oauth/authorize", "/kick/oauth/token", true, true, true),
    FACEBOOK("facebook", "/facebook/www/:version/dialog/oauth", "/facebook/graph/:version/oauth/access_token", false, false, false);

    final String platform;
    final String authorizePath;
    final String tokenPath;
    final boolean pkceRequired;
    final boolean rotatesRefresh;
    final boolean refreshTokens;

    OAuthFlavor(String platform, String authorizePath, String tokenPath, boolean pkceRequired, boolean rotatesRefresh, boolean refreshTokens) {
        this.platform = platform;
        this.authorizePath = authorizePath;
        this.tokenPath = tokenPath;
        this.pkceRequired = pkceRequired;
        this.rotatesRefresh = rotatesRefresh;
        this.refreshTokens = refreshTokens;
    }

    /** The token endpoint's success body, in the platform's shape. */
    Map<String, Object> tokenBody(String access, String refresh, long expiresIn, List<String> scopes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", access);
        switch (this) {
            case TWITCH -> {
                m.put("expires_in", expiresIn);
                if (refresh != null) m.put("refresh_token", refresh);
                m.put("scope", scopes);
                m.put("token_type", "bearer");
            }
            case YOUTUBE, KICK -> {
                m.put("expires_in", expiresIn);
                if (refresh != null) m.put("refresh_token", refresh);
                m.put("scope", String.join(" ", scopes));
                m.put("token_type", "Bearer");
            }
            case FACEBOOK -> {
                m.put("token_type", "bearer");
                m.put("expires_in", expiresIn);
            }
        }
        return m;
    }

    /** An error body in the platform's shape. */
    Map<String, Object> error(int status, String code, String message) {
        return switch (this) {
            case TWITCH -> Map.of("status", status, "message", message);
            case FACEBOOK -> Map.of("error", Map.of("message", message, "type", "OAuthException", "code", status == 401 ? 190 : 100,
                    "fbtrace_id", "Sim" + Long.toHexString(System.nanoTime())));
            default -> Map.of("error", code, "error_description", message);
        };
    }
}
