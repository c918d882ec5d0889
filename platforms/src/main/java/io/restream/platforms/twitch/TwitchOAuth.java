package io.restream.platforms.twitch;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.core.builder.api.DefaultApi20;
import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.model.Platform;
import io.restream.platforms.PlatformEndpoints;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.PlatformIdentity;
import io.restream.platforms.support.Replies;
import io.restream.platforms.support.RestClient;
import io.restream.platforms.support.ScribeOAuth;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Twitch sign-in: authorization code (Twitch does not take PKCE), identity from
 * {@code GET helix/users}, hourly {@code validate} as Twitch requires, revocation.
 */
public final class TwitchOAuth extends ScribeOAuth {
    private final TwitchApi20 api;
    private final Duration validateEvery;

    public TwitchOAuth(PlatformEndpoints endpoints, RestClient http, String scope, Duration validateEvery) {
        super(endpoints, http, scope, false);
        this.api = new TwitchApi20(endpoints.authUrl(), endpoints.tokenUrl());
        this.validateEvery = validateEvery;
    }

    @Override
    public Platform platform() {
        return Platform.TWITCH;
    }

    /** Twitch skips its consent page for an app the user already approved unless {@code force_verify}: always show it, so a forwarded sign-in link cannot complete unseen. */
    @Override
    protected Map<String, String> authorizeParams() {
        return Map.of("force_verify", "true");
    }

    @Override
    protected DefaultApi20 api() {
        return api;
    }

    /** Helix wants the app's client id beside every user token. */
    Map<String, String> helixHeaders(String accessToken) {
        return Map.of("Authorization", "Bearer " + accessToken, "Client-Id", endpoints.clientId());
    }

    @Override
    public PlatformIdentity identify(String accessToken) throws PlatformException {
        JsonNode user = Replies.require(http.get(endpoints.apiUrl() + "/users", helixHeaders(accessToken)), "reading the Twitch user")
                .path("data").path(0);
        String login = Replies.text(user.path("login"), "Twitch login");
        return new PlatformIdentity(Replies.text(user.path("id"), "Twitch user id"), login, Map.of("login", login));
    }

    @Override
    public Optional<Duration> validationInterval() {
        return Optional.of(validateEvery);
    }

    @Override
    public boolean validate(String accessToken) throws PlatformException {
        RestClient.Reply r = http.get(endpoints.more("validate"), Map.of("Authorization", "OAuth " + accessToken));
        if (r.status() == 401) return false;
        Replies.require(r, "validating the Twitch token");
        return true;
    }

    @Override
    public void revoke(ConnectionSecrets secrets) {
        if (secrets.accessToken() == null) return;
        try {
            http.postForm(endpoints.revokeUrl(), Map.of(), Map.of("client_id", endpoints.clientId(), "token", secrets.accessToken()));
        } catch (PlatformException e) {
            // best effort: the connection is gone from our side either way
        }
    }
}
