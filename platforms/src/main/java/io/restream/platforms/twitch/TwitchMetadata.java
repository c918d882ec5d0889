package io.restream.platforms.twitch;

import io.restream.core.connections.StoredConnection;
import io.restream.core.model.UserRef;
import io.restream.platforms.PlatformEndpoints;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.StreamMetadata;
import io.restream.platforms.support.Replies;
import io.restream.platforms.support.PlatformHttp;
import io.restream.platforms.support.TokenKeeper;
import java.util.Map;

/**
 * The Twitch channel's title: {@code PATCH helix/channels?broadcaster_id=} {@code {title}} (scope
 * {@code channel:manage:broadcast}). Twitch has no stream description. A token without the scope is
 * answered 401 "Missing scope": that is {@code missing_scope}, not a dead token, so the connection
 * is not marked for reconnecting because of it.
 */
public final class TwitchMetadata implements StreamMetadata {
    private final PlatformEndpoints endpoints;
    private final PlatformHttp http;
    private final TokenKeeper tokens;

    public TwitchMetadata(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        this.endpoints = endpoints;
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    public void apply(UserRef user, StoredConnection connection, String broadcastId, Text text) throws PlatformException {
        if (text.title() == null) return;
        String broadcaster = connection.connection().platformUserId();
        tokens.call(user, connection, c -> {
            PlatformHttp.Reply r = http.patchJson(endpoints.apiUrl() + "/channels?broadcaster_id=" + PlatformHttp.q(broadcaster),
                    TwitchOAuth.helixHeaders(endpoints, c.secrets().accessToken()), Map.of("title", text.title()));
            if (r.status() == 401 && r.body().path("message").asText().toLowerCase().contains("scope")) {
                throw new PlatformException("missing_scope", "Twitch refused the title: reconnect twitch to grant channel:manage:broadcast");
            }
            return Replies.require(r, "setting the Twitch title");
        });
    }
}
