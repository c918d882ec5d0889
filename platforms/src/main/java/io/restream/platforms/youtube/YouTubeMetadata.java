package io.restream.platforms.youtube;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * The YouTube broadcast's title and description: {@code PUT liveBroadcasts?part=snippet} replaces
 * the whole snippet, so the current one is read first ({@code GET liveBroadcasts?part=snippet&id=})
 * and its {@code scheduledStartTime} (required) and any field not being changed are sent back.
 */
public final class YouTubeMetadata implements StreamMetadata {
    static final int MAX_TITLE = 100;
    private final PlatformEndpoints endpoints;
    private final PlatformHttp http;
    private final TokenKeeper tokens;

    public YouTubeMetadata(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        this.endpoints = endpoints;
        this.http = http;
        this.tokens = tokens;
    }

    /** YouTube takes titles of at most 100 characters (ours may have 140, Twitch's limit): cut, not refused. */
    static String fit(String title) {
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1) + "…";
    }

    @Override
    public void apply(UserRef user, StoredConnection connection, String broadcastId, Text text) throws PlatformException {
        if (text.isEmpty()) return;
        if (broadcastId == null) throw new PlatformException("not_ready", "the YouTube broadcast is not set up yet");
        tokens.call(user, connection, c -> {
            Map<String, String> auth = PlatformHttp.bearer(c.secrets().accessToken());
            JsonNode current = Replies.require(http.get(endpoints.apiUrl() + "/liveBroadcasts?part=snippet&id=" + PlatformHttp.q(broadcastId), auth),
                    "reading the YouTube broadcast").path("items").path(0).path("snippet");
            if (current.isMissingNode()) throw new PlatformException("platform_error", "YouTube has no broadcast " + broadcastId);
            Map<String, Object> snippet = new LinkedHashMap<>();
            snippet.put("title", text.title() != null ? fit(text.title()) : current.path("title").asText());
            snippet.put("description", text.description() != null ? text.description() : current.path("description").asText(""));
            snippet.put("scheduledStartTime", current.path("scheduledStartTime").asText());
            if (current.hasNonNull("scheduledEndTime")) snippet.put("scheduledEndTime", current.path("scheduledEndTime").asText());
            return Replies.require(http.putJson(endpoints.apiUrl() + "/liveBroadcasts?part=snippet", auth,
                    Map.of("id", broadcastId, "snippet", snippet)), "updating the YouTube broadcast");
        });
    }
}
