package io.restream.service.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal EventSource for tests: parses the stream on a thread of its own; {@link #close} hangs up. */
final class SseClient implements AutoCloseable {
    /** One received event. */
    record Event(String type, String id, String data) {
        JsonNode json() { return Json.read(data, JsonNode.class); }
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final AtomicInteger pings = new AtomicInteger();
    final int status;
    private final HttpURLConnection connection;
    private final Thread reader;

    SseClient(String url, Map<String, String> headers) throws IOException {
        connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setReadTimeout(0);
        connection.setRequestProperty("Accept", "text/event-stream");
        headers.forEach(connection::setRequestProperty);
        status = connection.getResponseCode();
        reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        if (status == 200) reader.start();
    }

    List<Event> comments() {
        return events.stream().filter(e -> e.type().equals("comment")).toList();
    }

    List<Event> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    String lastCommentId() {
        List<Event> c = comments();
        return c.isEmpty() ? null : c.get(c.size() - 1).id();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            String type = null;
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (type != null || data.length() > 0) events.add(new Event(type == null ? "message" : type, id, data.toString()));
                    type = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    if (line.startsWith(": ping")) pings.incrementAndGet();
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    if (data.length() > 0) data.append('\n');
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // hung up by close(), or the server went away: either way the stream is over
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
