package io.restream.sim.chat;

import io.restream.core.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Twitch chat: the EventSub WebSocket at {@code /twitch/eventsub/ws} (welcome, keepalives,
 * notifications, {@code session_reconnect}, revocation), {@code POST /twitch/helix/eventsub/subscriptions},
 * {@code POST /twitch/helix/chat/messages} and {@code GET /twitch/helix/streams}.
 */
final class TwitchChatSim extends PlatformChatSim {
    private final Vertx vertx;
    private final long keepaliveSeconds;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /**
     * Sessions with a {@code channel.chat.message} subscription, by broadcaster id: a viewer's
     * message goes to its channel's sessions without walking every session's subscriptions
     * (with hundreds of channels that walk was most of the simulator's cost per message).
     */
    private final Map<String, Set<Session>> byBroadcaster = new ConcurrentHashMap<>();
    /** Until this time (ms) sockets get no keepalives: a stalled connection, for clients' watchdogs. */
    private volatile long silentUntil;

    /** One EventSub socket and the chat subscriptions bound to its session. */
    private static final class Session {
        final String id;
        volatile ServerWebSocket socket;
        final List<Map<String, Object>> subscriptions = new CopyOnWriteArrayList<>();
        volatile long timer = -1;

        Session(String id, ServerWebSocket socket) {
            this.id = id;
            this.socket = socket;
        }
    }

    private final SimAuth auth;

    TwitchChatSim(Vertx vertx, SimAuth auth, long keepaliveSeconds) {
        this.vertx = vertx;
        this.auth = auth;
        this.keepaliveSeconds = keepaliveSeconds;
    }

    @Override
    public void mount(Router router) {
        router.get("/twitch/eventsub/ws").handler(this::onSocket);
        router.post("/twitch/helix/eventsub/subscriptions").handler(this::onSubscribe);
        router.post("/twitch/helix/chat/messages").handler(this::onSend);
        router.get("/twitch/helix/streams").handler(this::onStreams);
        router.post("/sim/twitch/eventsub/reconnect").handler(rc -> {
            sessions.values().forEach(this::askToReconnect);
            SimBodies.reply(rc, 200, Map.of("sessions", sessions.size()));
        });
        router.post("/sim/twitch/eventsub/revoke").handler(rc -> {
            int n = 0;
            for (Session s : sessions.values()) n += revokeAll(s);
            SimBodies.reply(rc, 200, Map.of("revoked", n));
        });
        router.post("/sim/twitch/eventsub/silence").handler(rc -> SimBodies.json(rc).onSuccess(body -> {
            silentUntil = System.currentTimeMillis() + body.path("seconds").asLong(30) * 1000;
            SimBodies.reply(rc, 200, Map.of("silentUntil", silentUntil));
        }));
        router.get("/sim/twitch/eventsub/sessions").handler(rc -> SimBodies.reply(rc, 200, sessions.values().stream()
                .map(s -> Map.of("id", s.id, "subscriptions", s.subscriptions.size())).toList()));
    }

    private void onSocket(RoutingContext rc) {
        String reconnectOf = rc.request().getParam("reconnect");
        rc.request().toWebSocket().onSuccess(ws -> {
            Session previous = reconnectOf == null ? null : sessions.get(reconnectOf);
            Session s;
            if (previous != null) {
                // A reconnect keeps the session and its subscriptions; the old socket is dropped.
                s = previous;
                ServerWebSocket old = s.socket;
                s.socket = ws;
                vertx.setTimer(500, t -> { if (!old.isClosed()) old.close(); });
            } else {
                s = new Session(UUID.randomUUID().toString(), ws);
                sessions.put(s.id, s);
            }
            Session session = s;
            ws.closeHandler(v -> {
                if (session.socket == ws) {
                    sessions.remove(session.id);
                    unindex(session);
                    vertx.cancelTimer(session.timer);
                }
            });
            send(ws, "session_welcome", Map.of("session", sessionInfo(session, "connected", null)));
            vertx.cancelTimer(session.timer);
            session.timer = vertx.setPeriodic(keepaliveSeconds * 1000, t -> {
                if (session.socket == ws && !ws.isClosed() && System.currentTimeMillis() >= silentUntil) {
                    send(ws, "session_keepalive", Map.of());
                }
            });
            // Twitch closes a session that has no subscription 10 s after its welcome (close code 4003).
            vertx.setTimer(10_000, t -> {
                if (session.socket == ws && !ws.isClosed() && session.subscriptions.isEmpty()) {
                    ws.close((short) 4003, "connection unused");
                }
            });
        });
    }

    private Map<String, Object> sessionInfo(Session s, String status, String reconnectUrl) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", s.id);
        m.put("status", status);
        m.put("connected_at", Instant.now().toString());
        m.put("keepalive_timeout_seconds", "reconnecting".equals(status) ? null : keepaliveSeconds);
        m.put("reconnect_url", reconnectUrl);
        return m;
    }

    private void askToReconnect(Session s) {
        String host = s.socket.authority() == null ? "127.0.0.1" : s.socket.authority().toString();
        String url = "ws://" + host + "/twitch/eventsub/ws?reconnect=" + s.id;
        send(s.socket, "session_reconnect", Map.of("session", sessionInfo(s, "reconnecting", url)));
    }

    private int revokeAll(Session s) {
        int n = 0;
        for (Map<String, Object> sub : s.subscriptions) {
            Map<String, Object> revoked = new java.util.LinkedHashMap<>(sub);
            revoked.put("status", "authorization_revoked");
            Map<String, Object> meta = metadata("revocation");
            meta.put("subscription_type", sub.get("type"));
            meta.put("subscription_version", sub.get("version"));
            s.socket.writeTextMessage(Json.write(Map.of("metadata", meta, "payload", Map.of("subscription", revoked))));
            n++;
        }
        unindex(s);
        s.subscriptions.clear();
        return n;
    }

    private void unindex(Session s) {
        for (Map<String, Object> sub : s.subscriptions) {
            Set<Session> of = byBroadcaster.get(broadcaster(sub));
            if (of != null) of.remove(s);
        }
    }

    private static String broadcaster(Map<String, Object> sub) {
        return String.valueOf(((Map<?, ?>) sub.get("condition")).get("broadcaster_user_id"));
    }

    private boolean unauthorized(RoutingContext rc) {
        if (auth.valid("twitch", SimBodies.bearer(rc))) return false;
        SimBodies.reply(rc, 401, Map.of("error", "Unauthorized", "status", 401, "message", "Invalid OAuth token"));
        return true;
    }

    private void onSubscribe(RoutingContext rc) {
        if (unauthorized(rc)) return;
        SimBodies.json(rc).onSuccess(body -> {
            String sessionId = body.path("transport").path("session_id").asText();
            Session s = sessions.get(sessionId);
            if (s == null || !"websocket".equals(body.path("transport").path("method").asText())) {
                SimBodies.reply(rc, 400, Map.of("error", "Bad Request", "status", 400, "message", "session does not exist or has already disconnected"));
                return;
            }
            Map<String, Object> sub = new java.util.LinkedHashMap<>();
            sub.put("id", UUID.randomUUID().toString());
            sub.put("status", "enabled");
            sub.put("type", body.path("type").asText());
            sub.put("version", body.path("version").asText());
            sub.put("condition", Json.MAPPER.convertValue(body.path("condition"), Map.class));
            sub.put("created_at", Instant.now().toString());
            sub.put("transport", Map.of("method", "websocket", "session_id", sessionId, "connected_at", Instant.now().toString()));
            sub.put("cost", 0);
            s.subscriptions.add(sub);
            if ("channel.chat.message".equals(sub.get("type"))) {
                byBroadcaster.computeIfAbsent(broadcaster(sub), b -> ConcurrentHashMap.newKeySet()).add(s);
            }
            SimBodies.reply(rc, 202, Map.of("data", List.of(sub), "total", 1, "total_cost", 0, "max_total_cost", 10));
        }).onFailure(e -> SimBodies.reply(rc, 400, Map.of("error", "Bad Request", "status", 400, "message", "invalid JSON")));
    }

    @Override
    public Future<String> say(String channel, String author, String message, boolean redeliver) {
        String messageId = UUID.randomUUID().toString();
        Iterable<Session> targets = channel == null ? sessions.values() : byBroadcaster.getOrDefault(channel, Set.of());
        for (Session s : targets) {
            for (Map<String, Object> sub : s.subscriptions) {
                if (!"channel.chat.message".equals(sub.get("type"))) continue;
                String broadcaster = broadcaster(sub);
                if (channel != null && !channel.equals(broadcaster)) continue;
                Map<String, Object> meta = metadata("notification");
                meta.put("subscription_type", "channel.chat.message");
                meta.put("subscription_version", "1");
                Map<String, Object> event = new java.util.LinkedHashMap<>();
                event.put("broadcaster_user_id", broadcaster);
                event.put("broadcaster_user_login", "broadcaster" + broadcaster);
                event.put("broadcaster_user_name", "Broadcaster" + broadcaster);
                event.put("chatter_user_id", "9" + Math.abs(author.hashCode()));
                event.put("chatter_user_login", author.toLowerCase());
                event.put("chatter_user_name", author);
                event.put("message_id", messageId);
                event.put("message", Map.of("text", message, "fragments", List.of(Map.of("type", "text", "text", message))));
                event.put("color", "#00FF7F");
                event.put("badges", List.of());
                event.put("message_type", "text");
                String frame = Json.write(Map.of("metadata", meta, "payload", Map.of("subscription", sub, "event", event)));
                s.socket.writeTextMessage(frame);
                if (redeliver) s.socket.writeTextMessage(frame);
            }
        }
        return Future.succeededFuture(messageId);
    }

    private static Map<String, Object> metadata(String type) {
        Map<String, Object> meta = new java.util.LinkedHashMap<>();
        meta.put("message_id", UUID.randomUUID().toString());
        meta.put("message_type", type);
        meta.put("message_timestamp", Instant.now().toString());
        return meta;
    }

    private void send(ServerWebSocket ws, String type, Map<String, Object> payload) {
        if (!ws.isClosed() && (System.currentTimeMillis() >= silentUntil || type.equals("session_welcome"))) ws.writeTextMessage(Json.write(Map.of("metadata", metadata(type), "payload", payload)));
    }

    private void onSend(RoutingContext rc) {
        if (unauthorized(rc)) return;
        SimBodies.json(rc).onSuccess(body -> {
            String message = body.path("message").asText("");
            if (failSends) {
                SimBodies.reply(rc, 200, Map.of("data", List.of(Map.of("message_id", "", "is_sent", false,
                        "drop_reason", Map.of("code", "msg_rejected", "message", "simulated failure")))));
                return;
            }
            sent.add(new SentMessage(body.path("broadcaster_id").asText(), message, System.currentTimeMillis()));
            SimBodies.reply(rc, 200, Map.of("data", List.of(Map.of("message_id", UUID.randomUUID().toString(), "is_sent", true))));
        });
    }

    private void onStreams(RoutingContext rc) {
        if (unauthorized(rc)) return;
        String userId = rc.request().getParam("user_id");
        List<Object> data = new ArrayList<>();
        if (userId != null && sessions.values().stream().anyMatch(s -> !s.subscriptions.isEmpty()) || viewers > 0) {
            data.add(Map.of("id", "1", "user_id", userId == null ? "" : userId, "type", "live", "viewer_count", viewers,
                    "started_at", Instant.now().toString()));
        }
        SimBodies.reply(rc, 200, Map.of("data", data, "pagination", Map.of()));
    }
}
