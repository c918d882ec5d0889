package io.restream.platforms.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.core.builder.api.DefaultApi20;
import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.model.Platform;
import io.restream.platforms.PlatformEndpoints;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.PlatformIdentity;
import io.restream.platforms.support.Replies;
import io.restream.platforms.support.PlatformHttp;
import io.restream.platforms.support.ScribeOAuth;
import java.util.Map;

/**
 * Google sign-in for YouTube: authorization code with PKCE S256, {@code access_type=offline} and
 * {@code prompt=consent} so that a refresh token is issued; identity from
 * {@code channels?part=snippet&mine=true}; revocation at Google's revoke endpoint.
 */
public final class YouTubeOAuth extends ScribeOAuth {
    private final YouTubeApi20 api;

    YouTubeOAuth(PlatformEndpoints endpoints, PlatformHttp http, String scope) {
        super(endpoints, http, scope, true);
        this.api = new YouTubeApi20(endpoints.authUrl(), endpoints.tokenUrl(), endpoints.revokeUrl());
    }

    @Override
    public Platform platform() {
        return Platform.YOUTUBE;
    }

    @Override
    protected DefaultApi20 api() {
        return api;
    }

    @Override
    protected Map<String, String> authorizeParams() {
        return Map.of("access_type", "offline", "prompt", "consent");
    }

    @Override
    public PlatformIdentity identify(String accessToken) throws PlatformException {
        JsonNode channel = Replies.require(http.get(endpoints.apiUrl() + "/channels?part=snippet&mine=true", PlatformHttp.bearer(accessToken)),
                "reading the YouTube channel").path("items").path(0);
        String id = Replies.text(channel.path("id"), "YouTube channel (the account has no channel)");
        return new PlatformIdentity(id, Replies.text(channel.path("snippet").path("title"), "YouTube channel title"), Map.of());
    }

    @Override
    public void revoke(ConnectionSecrets secrets) {
        String token = secrets.refreshToken() != null ? secrets.refreshToken() : secrets.accessToken();
        if (token == null) return;
        try {
            http.postForm(endpoints.revokeUrl(), Map.of(), Map.of("token", token));
        } catch (PlatformException e) {
            // best effort
        }
    }
}
