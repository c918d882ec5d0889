package io.restream.platforms.kick;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.core.builder.api.DefaultApi20;
import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.model.Platform;
import io.restream.platforms.PlatformEndpoints;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.PlatformIdentity;
import io.restream.platforms.support.FormAuthApi20;
import io.restream.platforms.support.Replies;
import io.restream.platforms.support.RestClient;
import io.restream.platforms.support.ScribeOAuth;
import java.util.Map;

/**
 * Kick sign-in: authorization code with mandatory PKCE S256, identity from
 * {@code GET public/v1/users} and the channel slug from {@code GET public/v1/channels}; refresh
 * returns a new pair (the rotated refresh token is kept); revocation at {@code oauth/revoke}.
 */
public final class KickOAuth extends ScribeOAuth {
    private final FormAuthApi20 api;

    public KickOAuth(PlatformEndpoints endpoints, RestClient http, String scope) {
        super(endpoints, http, scope, true);
        this.api = new FormAuthApi20(endpoints.authUrl(), endpoints.tokenUrl());
    }

    @Override
    public Platform platform() {
        return Platform.KICK;
    }

    /** Always ask (OIDC {@code prompt=consent}), so a forwarded sign-in link cannot complete unseen. */
    @Override
    protected Map<String, String> authorizeParams() {
        return Map.of("prompt", "consent");
    }

    @Override
    protected DefaultApi20 api() {
        return api;
    }

    @Override
    public PlatformIdentity identify(String accessToken) throws PlatformException {
        JsonNode user = Replies.require(http.get(endpoints.apiUrl() + "/public/v1/users", RestClient.bearer(accessToken)), "reading the Kick user")
                .path("data").path(0);
        String name = Replies.text(user.path("name"), "Kick username");
        JsonNode channel = Replies.require(http.get(endpoints.apiUrl() + "/public/v1/channels", RestClient.bearer(accessToken)), "reading the Kick channel")
                .path("data").path(0);
        return new PlatformIdentity(Replies.text(user.path("user_id"), "Kick user id"), name,
                Map.of("slug", channel.path("slug").asText(name.toLowerCase())));
    }

    @Override
    public void revoke(ConnectionSecrets secrets) {
        if (secrets.accessToken() == null) return;
        try {
            http.postForm(endpoints.revokeUrl() + "?token=" + RestClient.q(secrets.accessToken()) + "&token_hint_type=access_token", Map.of(), Map.of());
        } catch (PlatformException e) {
            // best effort
        }
    }
}
