package io.restream.platforms.twitch;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.core.model.Comment;
import io.restream.core.model.Platform;
import io.restream.platforms.port.PlatformException;
import io.restream.core.retry.Backoff;
import io.restream.platforms.port.ChatSink;
import io.restream.platforms.port.ChatSubscription;
import io.restream.platforms.port.ChatTarget;
import io.restream.platforms.support.PlatformHttp;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's Twitch chat over the EventSub WebSocket.
 *
 * <pre>
 *  CONNECTING ──session_welcome──► SUBSCRIBING ──POST eventsub/subscriptions (within 10 s)──► RECEIVING
 *  RECEIVING ──session_reconnect──► connect reconnect_url; its welcome ──► RECEIVING on the new socket
 *                                   (subscriptions move with the session; the old socket is closed)
 *  any state ──socket lost / no message within keepalive_timeout_seconds──► CONNECTING (new session, backoff)
 *  any state ──revocation──► ENDED (sink told why)     any state ──close()──► CLOSED
 * </pre>
 */
final class EventSubSession implements ChatSubscription {
    private static final Logger log = LoggerFactory.getLogger(EventSubSession.class);
    /** Extra slack over the keepalive Twitch announces before the socket counts as dead. */
    private static final long KEEPALIVE_GRACE_MS = 2_000;

    private final TwitchChat.Urls endpoints;
    private final PlatformHttp http;
    private final ScheduledExecutorService timers;
    private final ChatTarget target;
    private final ChatSink sink;
    private WebSocket socket; // guarded by this
    private long keepaliveMs = 10_000 + KEEPALIVE_GRACE_MS; // guarded by this
    private ScheduledFuture<?> watchdog; // guarded by this
    private volatile long lastMessageAt = System.currentTimeMillis();
    private volatile boolean closed;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    EventSubSession(TwitchChat.Urls endpoints, PlatformHttp http, ScheduledExecutorService timers, ChatTarget target, ChatSink sink) {
        this.endpoints = endpoints;
        this.http = http;
        this.timers = timers;
        this.target = target;
        this.sink = sink;
    }

    void start() {
        connect(endpoints.eventSub(), false);
    }

    private void connect(String url, boolean migrating) {
        if (closed) return;
        http.client().newWebSocketBuilder()
                .buildAsync(URI.create(url), new Listener(migrating))
                .whenComplete((ws, error) -> {
                    if (error != null) retry("connect failed: " + error.getClass().getSimpleName());
                });
    }

    /** Handles one socket: its welcome decides whether to subscribe (new session) or to take over (reconnect). */
    private final class Listener implements WebSocket.Listener {
        private final boolean migrating;
        private final StringBuilder partial = new StringBuilder();

        Listener(boolean migrating) {
            this.migrating = migrating;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onMessage(ws, migrating, Json.read(text, JsonNode.class));
                } catch (RuntimeException e) {
                    log.warn("job {}: ignored a malformed EventSub message: {}", target.jobId(), e.getMessage());
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            if (isCurrent(ws)) retry("socket closed (" + status + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (isCurrent(ws)) retry("socket error: " + error.getClass().getSimpleName());
        }
    }

    private synchronized boolean isCurrent(WebSocket ws) {
        return ws == socket;
    }

    private void onMessage(WebSocket ws, boolean migrating, JsonNode msg) {
        lastMessageAt = System.currentTimeMillis();
        String type = msg.path("metadata").path("message_type").asText();
        switch (type) {
            case "session_welcome" -> onWelcome(ws, migrating, msg.path("payload").path("session"));
            case "session_keepalive" -> { }
            case "notification" -> onNotification(msg);
            case "session_reconnect" -> connect(msg.path("payload").path("session").path("reconnect_url").asText(), true);
            case "revocation" -> {
                String status = msg.path("payload").path("subscription").path("status").asText("revoked");
                log.info("job {}: Twitch revoked the chat subscription ({})", target.jobId(), status);
                close();
                sink.ended("twitch subscription revoked: " + status);
            }
            default -> log.debug("job {}: ignored EventSub message type {}", target.jobId(), type);
        }
    }

    private void onWelcome(WebSocket ws, boolean migrating, JsonNode session) {
        WebSocket previous;
        synchronized (this) {
            if (closed) {
                ws.abort();
                return;
            }
            previous = socket;
            socket = ws;
            keepaliveMs = session.path("keepalive_timeout_seconds").asLong(10) * 1000 + KEEPALIVE_GRACE_MS;
            backoff.reset();
            armWatchdog();
        }
        if (previous != null && previous != ws) previous.sendClose(WebSocket.NORMAL_CLOSURE, "reconnected").exceptionally(e -> null);
        if (!migrating) {
            String sessionId = session.path("id").asText();
            // Twitch closes a session that has no subscription 10 s after the welcome: subscribe at once.
            timers.execute(() -> subscribe(ws, sessionId));
        }
    }

    private void subscribe(WebSocket ws, String sessionId) {
        Map<String, Object> body = Map.of(
                "type", "channel.chat.message",
                "version", "1",
                "condition", Map.of("broadcaster_user_id", target.channelId(), "user_id", target.channelId()),
                "transport", Map.of("method", "websocket", "session_id", sessionId));
        try {
            http.postJson(endpoints.helix() + "/eventsub/subscriptions", headers(), body).require("subscribing to Twitch chat");
            log.info("job {}: Twitch chat subscribed", target.jobId());
        } catch (PlatformException e) {
            log.warn("job {}: Twitch chat subscription failed: {}", target.jobId(), e.getMessage());
            ws.abort();
            if ("needs_reconnect".equals(e.code())) {
                close();
                sink.ended(e.getMessage());
            } else {
                retry("subscription failed");
            }
        }
    }

    private Map<String, String> headers() {
        Map<String, String> h = new HashMap<>(PlatformHttp.bearer(target.accessToken()));
        h.put("Client-Id", endpoints.clientId());
        return h;
    }

    private void onNotification(JsonNode msg) {
        JsonNode meta = msg.path("metadata");
        if (!"channel.chat.message".equals(meta.path("subscription_type").asText())) return;
        JsonNode e = msg.path("payload").path("event");
        String id = e.path("message_id").asText(meta.path("message_id").asText());
        long ts = parseTime(meta.path("message_timestamp").asText(null));
        sink.comment(new Comment("twitch:" + id, Platform.TWITCH,
                e.path("chatter_user_name").asText(e.path("chatter_user_login").asText()),
                null, e.path("message").path("text").asText(), ts));
    }

    static long parseTime(String iso) {
        if (iso == null) return System.currentTimeMillis();
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (RuntimeException e) {
            return System.currentTimeMillis();
        }
    }

    private synchronized void armWatchdog() {
        if (watchdog != null) watchdog.cancel(false);
        watchdog = timers.scheduleAtFixedRate(() -> {
            long silent = System.currentTimeMillis() - lastMessageAt;
            if (silent > keepaliveMs) retry("no keepalive for " + silent + " ms");
        }, 1_000, 1_000, TimeUnit.MILLISECONDS);
    }

    private void retry(String why) {
        long delay;
        synchronized (this) {
            if (closed) return;
            if (socket != null) socket.abort();
            socket = null;
            if (watchdog != null) watchdog.cancel(false);
            watchdog = null;
            delay = backoff.next().toMillis();
        }
        log.info("job {}: Twitch chat reconnecting in {} ms ({})", target.jobId(), delay, why);
        lastMessageAt = System.currentTimeMillis() + delay;
        timers.schedule(() -> connect(endpoints.eventSub(), false), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        WebSocket ws;
        synchronized (this) {
            if (closed) return;
            closed = true;
            ws = socket;
            socket = null;
            if (watchdog != null) watchdog.cancel(false);
        }
        if (ws != null) ws.sendClose(WebSocket.NORMAL_CLOSURE, "job ended").whenComplete((x, e) -> ws.abort());
    }
}
