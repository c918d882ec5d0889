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
 * Helix {@code GET /users}, {@code GET /streams/key}, {@code GET|PATCH /channels} (the channel's
 * title; changing it needs {@code channel:manage:broadcast}), and the ingest list of
 * {@code ingest.twitch.tv/ingests}, at {@code /twitch/helix/...} and {@code /twitch/ingests}.
 */
public final class TwitchApiSim {
    private final SimState state;
    private final SimPlatform p;
    private final IngestAddresses ingest;
    private final Map<String, String> keysByUser = new ConcurrentHashMap<>();
    private final Map<String, String> titles = new ConcurrentHashMap<>();

    public TwitchApiSim(SimState state, IngestAddresses ingest) {
        this.state = state;
        this.p = state.platform("twitch");
        this.ingest = ingest;
    }

    public void mount(Router router) {
        router.get("/twitch/helix/users").handler(this::onUsers);
        router.get("/twitch/helix/streams/key").handler(this::onStreamKey);
        router.get("/twitch/ingests").handler(this::onIngests);
        router.get("/twitch/helix/channels").handler(this::onChannel);
        router.patch("/twitch/helix/channels").handler(this::onModifyChannel);
    }

    /** The user's stream key, created once (Twitch keeps a key until the streamer resets it). */
    public String streamKey(SimUser user) {
        return keysByUser.computeIfAbsent(user.id(), id -> {
            String key = "live_" + id + "_" + Tokens.random(30);
            state.registerStreamKey(key, "twitch", id);
            return key;
        });
    }

    private void onUsers(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> {
            SimUser u = t.user;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", u.id());
            row.put("login", u.login().toLowerCase());
            row.put("display_name", u.displayName());
            row.put("type", "");
            row.put("broadcaster_type", "");
            row.put("description", "A simulated Twitch streamer");
            row.put("profile_image_url", "https://static-cdn.jtvnw.net/user-default-pictures-uv/sim-profile_image-300x300.png");
            row.put("offline_image_url", "");
            row.put("view_count", 0);
            row.put("created_at", "2020-01-01T00:00:00Z");
            SimHttp.json(rc, 200, Map.of("data", List.of(row)));
        });
    }

    private void onStreamKey(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> {
            if (!ApiAuth.hasScope(t, "channel:read:stream_key")) {
                SimHttp.json(rc, 401, Map.of("error", "Unauthorized", "status", 401, "message", "Missing scope: channel:read:stream_key"));
            } else if (!t.user.id().equals(rc.request().getParam("broadcaster_id"))) {
                SimHttp.json(rc, 403, Map.of("error", "Forbidden", "status", 403, "message", "The ID in broadcaster_id must match the user ID found in the request's OAuth token."));
            } else {
                SimHttp.json(rc, 200, Map.of("data", List.of(Map.of("stream_key", streamKey(t.user)))));
            }
        });
    }

    private void onChannel(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> {
            String id = rc.request().getParam("broadcaster_id");
            SimUser u = id == null ? null : p.userById(id).orElse(null);
            if (u == null) {
                SimHttp.json(rc, 200, Map.of("data", List.of()));
                return;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("broadcaster_id", u.id());
            row.put("broadcaster_login", u.login().toLowerCase());
            row.put("broadcaster_name", u.displayName());
            row.put("broadcaster_language", "en");
            row.put("game_id", "509658");
            row.put("game_name", "Just Chatting");
            row.put("title", titles.getOrDefault(u.id(), ""));
            row.put("delay", 0);
            row.put("tags", List.of());
            SimHttp.json(rc, 200, Map.of("data", List.of(row)));
        });
    }

    private void onModifyChannel(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> {
            if (!ApiAuth.hasScope(t, "channel:manage:broadcast")) {
                SimHttp.json(rc, 401, Map.of("error", "Unauthorized", "status", 401, "message", "Missing scope: channel:manage:broadcast"));
                return;
            }
            if (!t.user.id().equals(rc.request().getParam("broadcaster_id"))) {
                SimHttp.json(rc, 403, Map.of("error", "Forbidden", "status", 403, "message", "The ID in broadcaster_id must match the user ID found in the request's OAuth token."));
                return;
            }
            com.fasterxml.jackson.databind.JsonNode body = ApiAuth.jsonBody(rc);
            String title = body == null ? null : body.path("title").asText(null);
            if (body == null || (title != null && (title.isBlank() || title.length() > 140))) {
                SimHttp.json(rc, 400, Map.of("error", "Bad Request", "status", 400, "message", "The title field may not be empty or longer than 140 characters."));
                return;
            }
            if (title != null) titles.put(t.user.id(), title);
            rc.response().setStatusCode(204).end();
        });
    }

    private void onIngests(RoutingContext rc) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("_id", 1);
        server.put("availability", 1.0);
        server.put("default", true);
        server.put("name", "Simulator: Local");
        server.put("url_template", ingest.rtmp("app") + "/{stream_key}");
        server.put("url_template_secure", ingest.rtmps("app") + "/{stream_key}");
        server.put("priority", 0);
        SimHttp.json(rc, 200, Map.of("_total", 1, "ingests", List.of(server)));
    }
}
