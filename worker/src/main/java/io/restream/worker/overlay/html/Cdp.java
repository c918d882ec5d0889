package io.restream.worker.overlay.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restream.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal Chrome DevTools protocol client over the JDK's WebSocket: commands with ids and
 * futures, events handed to per-session listeners (flattened sessions, so one socket serves the
 * browser and every page). Events are delivered on one thread of this client, in order; handlers
 * must not block on a command's future there (they chain on it instead).
 */
final class Cdp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cdp.class);
    static final long COMMAND_TIMEOUT_MS = 10_000;

    /** Receives the events of one session ("" = the browser). */
    interface Listener {
        void onEvent(String method, JsonNode params);
    }

    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<Long, String> pendingSession = new ConcurrentHashMap<>();
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final ExecutorService events;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private Cdp(WebSocket socket, ExecutorService events) {
        this.socket = socket;
        this.events = events;
    }

    /** Connects to the browser endpoint ({@code ws://127.0.0.1:port/devtools/browser/...}). */
    static Cdp connect(URI endpoint) throws IOException, InterruptedException {
        ExecutorService events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cdp-events");
            t.setDaemon(true);
            return t;
        });
        Receiver receiver = new Receiver();
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(endpoint, receiver).get(10, TimeUnit.SECONDS);
            Cdp cdp = new Cdp(ws, events);
            receiver.owner = cdp;
            return cdp;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            events.shutdownNow();
            throw new IOException("DevTools connection failed: " + e.getMessage(), e);
        }
    }

    void listen(String sessionId, Listener listener) { listeners.put(sessionId, listener); }

    void unlisten(String sessionId) { listeners.remove(sessionId); }

    /** Completes when the socket is gone (browser exited or closed). */
    CompletionStage<Void> closed() { return closed; }

    boolean isOpen() { return !closed.isDone(); }

    /** Sends a command to {@code sessionId} (null or "" = the browser); the future holds its result. */
    CompletableFuture<JsonNode> send(String sessionId, String method, Object params) {
        long id = ids.incrementAndGet();
        ObjectNode msg = Json.MAPPER.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        if (params != null) msg.set("params", Json.MAPPER.valueToTree(params));
        if (sessionId != null && !sessionId.isEmpty()) msg.put("sessionId", sessionId);
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        if (closed.isDone()) {
            result.completeExceptionally(new IOException("DevTools connection closed"));
            return result;
        }
        pending.put(id, result);
        pendingSession.put(id, sessionId == null ? "" : sessionId);
        result.orTimeout(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            pending.remove(id);
            pendingSession.remove(id);
        });
        synchronized (socket) { // one text message at a time: the JDK socket refuses overlapping sends
            socket.sendText(msg.toString(), true).join();
        }
        return result;
    }

    private void onMessage(String text) {
        JsonNode msg;
        try {
            msg = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            log.warn("DevTools sent something that is not JSON");
            return;
        }
        if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asLong());
            if (f == null) return;
            if (msg.has("error")) f.completeExceptionally(new CdpException(msg.get("error").path("message").asText()));
            else f.complete(msg.path("result"));
            return;
        }
        String method = msg.path("method").asText();
        JsonNode params = msg.path("params");
        // A detach is announced on the parent (browser) session; its own listener needs it too.
        String session = method.equals("Target.detachedFromTarget") ? params.path("sessionId").asText("")
                : msg.path("sessionId").asText("");
        if (method.equals("Target.detachedFromTarget")) {
            dispatch("", method, params);
            failPending(session, "session detached");
        }
        dispatch(session, method, params);
    }

    private void dispatch(String session, String method, JsonNode params) {
        events.execute(() -> {
            Listener l = listeners.get(session);
            if (l == null) return;
            try {
                l.onEvent(method, params);
            } catch (RuntimeException e) {
                log.warn("DevTools event {} not handled: {}", method, e.toString());
            }
        });
    }

    /** Commands to a session that is gone will never be answered: fail them now. */
    private void failPending(String session, String why) {
        pendingSession.forEach((id, s) -> {
            if (s.equals(session)) {
                CompletableFuture<JsonNode> f = pending.remove(id);
                if (f != null) f.completeExceptionally(new CdpException(why));
            }
        });
    }

    private void onClosed() {
        if (closed.complete(null)) {
            IOException gone = new IOException("DevTools connection closed");
            pending.values().forEach(f -> f.completeExceptionally(gone));
            pending.clear();
            Map<String, Listener> all = Map.copyOf(listeners);
            events.execute(() -> all.forEach((s, l) -> l.onEvent("Restream.disconnected", Json.MAPPER.createObjectNode())));
            events.shutdown();
        }
    }

    @Override
    public void close() {
        socket.abort();
        onClosed();
    }

    /** A command the browser refused. */
    static final class CdpException extends IOException {
        CdpException(String message) { super(message); }
    }

    /** Gathers fragmented text messages (screenshots arrive in many parts). */
    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder buf = new StringBuilder();
        private volatile Cdp owner;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
                String text = buf.toString();
                buf.setLength(0);
                while (owner == null) Thread.onSpinWait(); // the first message can race connect()'s return
                owner.onMessage(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            if (owner != null) owner.onClosed();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (owner != null) owner.onClosed();
        }
    }
}
