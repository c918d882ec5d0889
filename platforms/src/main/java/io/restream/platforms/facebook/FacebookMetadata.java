package io.restream.platforms.facebook;

import io.restream.core.connections.StoredConnection;
import io.restream.core.model.UserRef;
import io.restream.platforms.PlatformEndpoints;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.StreamMetadata;
import io.restream.platforms.support.Replies;
import io.restream.platforms.support.PlatformHttp;
import io.restream.platforms.support.TokenKeeper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Facebook live video's title and description: {@code POST /{live-video-id}} with {@code title}, {@code description}. */
public final class FacebookMetadata implements StreamMetadata {
    private final PlatformEndpoints endpoints;
    private final PlatformHttp http;
    private final TokenKeeper tokens;

    public FacebookMetadata(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        this.endpoints = endpoints;
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    public void apply(UserRef user, StoredConnection connection, String broadcastId, Text text) throws PlatformException {
        if (text.isEmpty()) return;
        if (broadcastId == null) throw new PlatformException("not_ready", "the Facebook live video is not set up yet");
        Map<String, String> form = new LinkedHashMap<>();
        if (text.title() != null) form.put("title", text.title());
        if (text.description() != null) form.put("description", text.description());
        tokens.call(user, connection, c -> Replies.require(http.postForm(endpoints.apiUrl() + "/" + PlatformHttp.q(broadcastId),
                PlatformHttp.bearer(c.secrets().accessToken()), form), "updating the Facebook live video"));
    }
}
