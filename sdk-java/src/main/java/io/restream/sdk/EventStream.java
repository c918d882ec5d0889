package io.restream.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.restream.sdk.Model.Comment;
import io.restream.sdk.Model.Connection;
import io.restream.sdk.Model.Job;
import io.restream.sdk.Model.Viewers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A running subscription to {@code GET /api/v1/events}: reads Server-Sent Events on its own
 * daemon thread, reconnects after a drop with {@code Last-Event-ID} so that no comment is lost or
 * repeated, and stops on {@link #close}.
 */
public final class EventStream implements AutoCloseable {
    private static final TypeReference<List<Connection>> CONNECTIONS = new TypeReference<>() {};

    private final Transport transport;
    private final RestreamOptions options;
    private final RestreamListener listener;
    private final Thread thread;
    private volatile boolean closed;
    private volatile InputStream current;
    private volatile String lastEventId;

    EventStream(Transport transport, RestreamOptions options, RestreamListener listener, String lastEventId) {
        this.transport = transport;
        this.options = options;
        this.listener = listener;
        this.lastEventId = lastEventId;
        this.thread = new Thread(this::run, "restream-events");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The id of the last comment received: pass it to resume later without gaps. */
    public String lastEventId() { return lastEventId; }

    private void run() {
        while (!closed) {
            try {
                readOnce();
                if (!closed) listener.onDisconnected(new IOException("the event stream ended"));
            } catch (RestreamException | IOException e) {
                if (!closed) listener.onDisconnected(e);
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (!closed) Thread.sleep(options.reconnectDelay().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readOnce() throws IOException, InterruptedException {
        HttpRequest.Builder b = transport.request("/api/v1/events").header("Accept", "text/event-stream").GET();
        if (lastEventId != null) b.header("Last-Event-ID", lastEventId);
        HttpResponse<InputStream> r = transport.http().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            try (InputStream in = r.body()) {
                throw Transport.error(r.statusCode(), in.readAllBytes());
            }
        }
        current = r.body();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(current, StandardCharsets.UTF_8))) {
            String event = null;
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while (!closed && (line = reader.readLine()) != null) {
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
                }
            }
        }
    }

    private void dispatch(String event, String id, String data) throws IOException {
        JsonNode node = Transport.JSON.readTree(data);
        switch (event) {
            case "comment" -> {
                listener.onComment(Transport.JSON.convertValue(node, Comment.class));
                if (id != null) lastEventId = id;
            }
            case "job" -> listener.onJob(Transport.JSON.convertValue(node, Job.class));
            case "viewers" -> listener.onViewers(Transport.JSON.convertValue(node, Viewers.class));
            case "connections" -> listener.onConnections(Transport.JSON.convertValue(node, CONNECTIONS));
            default -> { } // Newer servers may send more types.
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Closing is all we wanted.
            }
        }
        thread.interrupt();
    }
}
