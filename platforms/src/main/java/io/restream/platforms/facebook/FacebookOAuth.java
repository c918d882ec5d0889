package io.restream.platforms.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.core.builder.api.DefaultApi20;
import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.model.Platform;
import io.restream.platforms.OAuthConfig;
import io.restream.platforms.PlatformEndpoints;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.PlatformIdentity;
import io.restream.platforms.port.TokenGrant;
import io.restream.platforms.support.Replies;
import io.restream.platforms.support.RestClient;
import io.restream.platforms.support.ScribeOAuth;
import java.util.Map;

/**
 * Facebook Login: authorization code, then the short-lived token is exchanged for a long-lived
 * (~60 day) one with {@code grant_type=fb_exchange_token}. Facebook has no refresh tokens, so a
 * "refresh" exchanges the current long-lived token again; a refusal needs a reconnect. Identity
 * from {@code GET /me?fields=id,name,picture}; revocation with {@code DELETE /me/permissions}.
 */
public final class FacebookOAuth extends ScribeOAuth {
    private final FacebookGraphApi api;

    public FacebookOAuth(PlatformEndpoints endpoints, RestClient http, String scope) {
        super(endpoints, http, scope, false);
        this.api = new FacebookGraphApi(OAuthConfig.GRAPH_VERSION, endpoints.authUrl(), endpoints.tokenUrl());
    }

    @Override
    public Platform platform() {
        return Platform.FACEBOOK;
    }

    /** Facebook skips its dialog for an app the user already approved; {@code auth_type=reauthenticate} always asks, so a forwarded sign-in link cannot complete unseen. */
    @Override
    protected Map<String, String> authorizeParams() {
        return Map.of("auth_type", "reauthenticate");
    }

    @Override
    protected DefaultApi20 api() {
        return api;
    }

    @Override
    protected TokenGrant afterExchange(TokenGrant shortLived) throws PlatformException {
        return longLived(shortLived.accessToken(), shortLived.scopes(), "token_exchange_failed");
    }

    @Override
    public TokenGrant refresh(ConnectionSecrets secrets) throws PlatformException {
        if (secrets.accessToken() == null) throw refused();
        return longLived(secrets.accessToken(), secrets.scopes(), "needs_reconnect");
    }

    private TokenGrant longLived(String token, String scopes, String refusalCode) throws PlatformException {
        RestClient.Reply r = http.postForm(endpoints.tokenUrl(), Map.of(), Map.of("grant_type", "fb_exchange_token",
                "client_id", endpoints.clientId(), "client_secret", endpoints.clientSecret().reveal(), "fb_exchange_token", token));
        if (r.status() >= 500) throw r.error("platform_unreachable", "the Facebook token exchange");
        if (!r.ok()) throw new PlatformException(refusalCode, "Facebook refused the long-lived token exchange (" + r.status() + ")");
        String access = Replies.text(r.body().path("access_token"), "Facebook access token");
        Long expiresAt = r.body().has("expires_in") ? System.currentTimeMillis() + r.body().get("expires_in").asLong() * 1000 : null;
        return new TokenGrant(access, null, expiresAt, scopes);
    }

    @Override
    public PlatformIdentity identify(String accessToken) throws PlatformException {
        JsonNode me = Replies.require(http.get(endpoints.apiUrl() + "/me?fields=id,name,picture", RestClient.bearer(accessToken)), "reading the Facebook user");
        return new PlatformIdentity(Replies.text(me.path("id"), "Facebook user id"), Replies.text(me.path("name"), "Facebook name"), Map.of());
    }

    @Override
    public void revoke(ConnectionSecrets secrets) {
        if (secrets.accessToken() == null) return;
        try {
            http.delete(endpoints.revokeUrl(), RestClient.bearer(secrets.accessToken()));
        } catch (PlatformException e) {
            // best effort
        }
    }
}
