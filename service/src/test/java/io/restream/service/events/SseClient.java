package io.restream.service.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal EventSource for tests, on a plain socket so that {@link #close} hangs up at once
 * (HttpURLConnection would wait to drain the stream): HTTP/1.1 GET, chunked body, SSE parsing on a
 * thread of its own.
 */
public final class SseClient implements AutoCloseable {
    /** One received event. */
    public record Event(String type, String id, String data) {
        public JsonNode json() { return Json.read(data, JsonNode.class); }
    }

    public final List<Event> events = new CopyOnWriteArrayList<>();
    public final AtomicInteger pings = new AtomicInteger();
    /** Set when the server ended the stream (or the socket broke). */
    public volatile boolean ended;
    public final int status;
    private final Socket socket;
    private final InputStream in;
    private String type;
    private String id;
    private final StringBuilder data = new StringBuilder();

    public SseClient(String url, Map<String, String> headers) throws IOException {
        URI uri = URI.create(url);
        socket = new Socket(uri.getHost(), uri.getPort());
        StringBuilder req = new StringBuilder("GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nAccept: text/event-stream\r\n");
        headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(req.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        in = socket.getInputStream();
        String statusLine = readLine();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        boolean chunked = false;
        for (String h = readLine(); !h.isEmpty(); h = readLine()) {
            if (h.toLowerCase().startsWith("transfer-encoding:") && h.toLowerCase().contains("chunked")) chunked = true;
        }
        if (status == 200 && chunked) {
            Thread reader = new Thread(this::readChunks, "sse-test-client");
            reader.setDaemon(true);
            reader.start();
        } else {
            socket.close();
        }
    }

    public List<Event> comments() {
        return events.stream().filter(e -> e.type().equals("comment")).toList();
    }

    public List<Event> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    public String lastCommentId() {
        List<Event> c = comments();
        return c.isEmpty() ? null : c.get(c.size() - 1).id();
    }

    private void readChunks() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                int size = Integer.parseInt(readLine().trim().split(";")[0], 16);
                if (size == 0) return;
                byte[] chunk = in.readNBytes(size);
                readLine();
                for (byte b : chunk) {
                    if (b == '\n') {
                        onLine(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // hung up by close(), or the server went away: either way the stream is over
        } finally {
            ended = true;
        }
    }

    private void onLine(String line) {
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

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') if (c != '\r') b.write(c);
        if (c == -1 && b.size() == 0) throw new IOException("closed");
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
