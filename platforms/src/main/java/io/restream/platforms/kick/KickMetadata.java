package io.restream.platforms.kick;

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
 * The Kick channel's stream title: {@code PATCH public/v1/channels} {@code {stream_title}} (scope
 * {@code channel:write}); Kick has no stream description. 403 means the grant lacks the scope.
 */
public final class KickMetadata implements StreamMetadata {
    private final PlatformEndpoints endpoints;
    private final PlatformHttp http;
    private final TokenKeeper tokens;

    public KickMetadata(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        this.endpoints = endpoints;
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    public void apply(UserRef user, StoredConnection connection, String broadcastId, Text text) throws PlatformException {
        if (text.title() == null) return;
        tokens.call(user, connection, c -> {
            PlatformHttp.Reply r = http.patchJson(endpoints.apiUrl() + "/public/v1/channels", PlatformHttp.bearer(c.secrets().accessToken()),
                    Map.of("stream_title", text.title()));
            if (r.status() == 403) throw new PlatformException("missing_scope", "Kick refused the title: reconnect kick to grant channel:write");
            return Replies.require(r, "setting the Kick stream title");
        });
    }
}
