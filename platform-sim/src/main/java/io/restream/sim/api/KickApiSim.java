package io.restream.sim.api;

import io.restream.core.crypto.Tokens;
import io.restream.sim.SimHttp;
import io.restream.sim.state.SimPlatform;
import io.restream.sim.state.SimState;
import io.restream.sim.state.SimUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kick's public API {@code GET /public/v1/users}, {@code GET /public/v1/channels} and
 * {@code PATCH /public/v1/channels} (the stream title; needs {@code channel:write}), at {@code /kick/...}.
 */
public final class KickApiSim {
    private final SimState state;
    private final SimPlatform p;
    private final IngestAddresses ingest;
    private final Map<String, String> keysByUser = new ConcurrentHashMap<>();
    private final Map<String, String> titles = new ConcurrentHashMap<>();

    public KickApiSim(SimState state, IngestAddresses ingest) {
        this.state = state;
        this.p = state.platform("kick");
        this.ingest = ingest;
    }

    public void mount(Router router) {
        router.get("/kick/public/v1/users").handler(this::onUsers);
        router.get("/kick/public/v1/channels").handler(this::onChannels);
        router.patch("/kick/public/v1/channels").handler(this::onPatchChannel);
    }

    public String streamKey(SimUser user) {
        return keysByUser.computeIfAbsent(user.id(), id -> {
            String key = "sk_us-west-2_" + Tokens.random(28);
            state.registerStreamKey(key, "kick", id);
            return key;
        });
    }

    private void onUsers(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> SimHttp.json(rc, 200, Map.of("data", List.of(Map.of(
                "user_id", Long.parseLong(t.user.id()),
                "name", t.user.login(),
                "email", t.user.login() + "@example.com",
                "profile_picture", "https://files.kick.com/images/user/sim/profile_image/default.webp")),
                "message", "OK")));
    }

    private void onPatchChannel(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> {
            if (!ApiAuth.hasScope(t, "channel:write")) {
                SimHttp.json(rc, 403, Map.of("message", "Forbidden: missing scope channel:write"));
                return;
            }
            com.fasterxml.jackson.databind.JsonNode body = ApiAuth.jsonBody(rc);
            String title = body == null ? null : body.path("stream_title").asText(null);
            if (body == null || (title != null && title.isBlank())) {
                SimHttp.json(rc, 400, Map.of("message", "Bad Request: stream_title"));
                return;
            }
            if (title != null) titles.put(t.user.id(), title);
            rc.response().setStatusCode(204).end();
        });
    }

    private void onChannels(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> {
            Map<String, Object> stream = new LinkedHashMap<>();
            stream.put("url", ingest.rtmpsHost());
            stream.put("key", ApiAuth.hasScope(t, "streamkey:read") ? streamKey(t.user) : "");
            stream.put("is_live", false);
            stream.put("is_mature", false);
            stream.put("language", "en");
            stream.put("start_time", "0001-01-01T00:00:00Z");
            stream.put("thumbnail", "");
            stream.put("viewer_count", 0);
            Map<String, Object> channel = new LinkedHashMap<>();
            channel.put("broadcaster_user_id", Long.parseLong(t.user.id()));
            channel.put("slug", t.user.login().toLowerCase());
            channel.put("channel_description", "");
            channel.put("banner_picture", "");
            channel.put("stream", stream);
            channel.put("stream_title", titles.getOrDefault(t.user.id(), ""));
            channel.put("category", Map.of("id", 15, "name", "Just Chatting", "thumbnail", ""));
            SimHttp.json(rc, 200, Map.of("data", List.of(channel), "message", "OK"));
        });
    }
}
