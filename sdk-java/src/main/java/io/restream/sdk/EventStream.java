package io.restream.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The studio's one subscription to {@code GET /api/v1/events}, read on its own thread.
 *
 * <pre>
 *   connecting --200--> open --drop / silence 45 s--> waiting --backoff--> connecting
 *       |                                                ^
 *       +--error status / no answer (onError)------------+
 *   any state --close()--> closed
 * </pre>
 *
 * Each (re)connect sends the id of the last comment received ({@code Last-Event-ID}), so the
 * service replays exactly what was missed. The backoff doubles from the options' minimum to their
 * cap and starts over once a stream opened. In token mode the stream is opened with a single-use
 * ticket ({@code POST /api/v1/events/ticket}, API.md §1) so no bearer token travels in a URL; a
 * service without that route gets the token as a header instead.
 */
final class EventStream implements Runnable {
    private static final System.Logger log = System.getLogger(EventStream.class.getName());
    /** The service pings every 15 s; three missed pings mean the connection is dead. */
    static final long SILENCE_MS = 45_000;

    private final RestreamOptions options;
    private final Http http;
    private final StudioState state;
    private final Listeners listeners;
    private final Thread thread;
    private volatile boolean closed;
    private volatile InputStream current;
    private volatile long lastDataAt;
    private volatile String lastEventId;
    private volatile boolean ticketsUnsupported;
    /** Whether the current attempt got as far as an open stream (a drop may end it with an exception). */
    private boolean opened;
    private final java.util.concurrent.atomic.AtomicInteger tickets = new java.util.concurrent.atomic.AtomicInteger();

    EventStream(RestreamOptions options, Http http, StudioState state, Listeners listeners) {
        this.options = options;
        this.http = http;
        this.state = state;
        this.listeners = listeners;
        this.thread = new Thread(this, "restream-sdk-events");
        this.thread.setDaemon(true);
    }

    void start() { thread.start(); }

    @Override
    public void run() {
        long backoff = options.reconnectMin().toMillis();
        while (!closed) {
            Thread.interrupted(); // a watchdog interrupt of the previous stream is spent
            opened = false;
            try {
                connectAndRead();
            } catch (RestreamException e) {
                if (!closed) listeners.emit(l -> l.onError(e));
            } catch (IOException e) {
                log.log(System.Logger.Level.DEBUG, "event stream dropped: {0}", e.toString());
            }
            if (closed) break;
            if (opened) {
                listeners.emit(StudioListener::onStreamClosed);
                backoff = options.reconnectMin().toMillis();
            }
            try {
                Thread.sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
            } catch (InterruptedException e) {
                if (closed) break;
            }
            backoff = Math.min(backoff * 2, options.reconnectMax().toMillis());
        }
    }

    /** One stream, until it ends; sets {@link #opened} once it is open. */
    private void connectAndRead() throws IOException {
        String token = null;
        String query = "";
        if (options.mode() == RestreamOptions.Mode.TOKEN) {
            String ticket = ticketsUnsupported ? null : ticket();
            if (ticket != null) query = "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
            else token = http.token();
        }
        Map<String, String> headers = new HashMap<>();
        String resumeAfter = lastEventId;
        if (resumeAfter != null) headers.put("Last-Event-ID", resumeAfter);
        HttpResponse<InputStream> r = http.openStream(URI.create(options.apiBase() + "/api/v1/events" + query), token, headers);
        if (r.statusCode() != 200) {
            byte[] body;
            try (InputStream in = r.body()) {
                body = in.readNBytes(64 * 1024);
            }
            if (r.statusCode() == 401) http.invalidateToken(token);
            throw Json.error(r.statusCode(), body);
        }
        current = r.body();
        lastDataAt = System.currentTimeMillis();
        if (closed) {
            current.close();
            return;
        }
        opened = true;
        listeners.emit(StudioListener::onStreamOpen);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(current, StandardCharsets.UTF_8))) {
            read(reader);
        } finally {
            current = null;
        }
    }

    /** A ticket for one stream, or null when the service has no ticket route (then the token goes in a header). */
    private String ticket() {
        try {
            JsonNode t = http.call("POST", "/api/v1/events/ticket", null);
            tickets.incrementAndGet();
            return t.path("ticket").asText();
        } catch (RestreamException e) {
            if (e.status() != 404) throw e;
            ticketsUnsupported = true;
            log.log(System.Logger.Level.INFO, "this service has no event tickets; the stream sends the token as a header");
            return null;
        }
    }

    private void read(BufferedReader reader) throws IOException {
        String event = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        String line;
        while (!closed && (line = reader.readLine()) != null) {
            lastDataAt = System.currentTimeMillis();
            if (line.isEmpty()) {
                if (event != null && data.length() > 0) dispatch(event, id, data.toString());
                event = null;
                id = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) data.append('\n');
                data.append(line.substring(5).stripLeading());
            } // ":" lines are the service's pings
        }
    }

    private void dispatch(String event, String id, String data) throws IOException {
        JsonNode node = Json.read(data.getBytes(StandardCharsets.UTF_8));
        switch (event) {
            case "comment" -> {
                state.comment(Json.as(node, Comment.class));
                if (id != null && !id.isEmpty()) lastEventId = id;
            }
            case "job" -> state.job(node);
            case "viewers" -> state.viewers(Json.as(node, Viewers.class));
            case "connections" -> state.connections(Json.as(node, Json.CONNECTIONS));
            default -> { } // newer services may send more kinds
        }
    }

    /** How many streams were opened with a ticket (for tests). */
    int ticketsUsed() { return tickets.get(); }

    /** Called by the studio's timer: a stream silent for too long is dropped so that it reconnects. */
    void checkSilence() {
        InputStream in = current;
        if (in != null && System.currentTimeMillis() - lastDataAt > SILENCE_MS) {
            log.log(System.Logger.Level.INFO, "event stream silent for {0} ms; reconnecting", SILENCE_MS);
            abort(in);
        }
    }

    private void abort(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // We only wanted it closed.
        }
        thread.interrupt(); // a read blocked in the HTTP client's queue wakes up on interrupt
    }

    void close() {
        closed = true;
        InputStream in = current;
        if (in != null) abort(in);
        else thread.interrupt();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
