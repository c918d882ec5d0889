package io.restream.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 request written byte for byte on a socket, for what the JDK client refuses to send
 * (malformed percent-encoding, odd methods). Reads one response (Content-Length or chunked) or
 * gives status -1 when none arrives within the timeout.
 */
public final class RawHttp {
    private RawHttp() {}

    public record Response(int status, String head, String body) {
        public JsonNode json() { return Json.read(body, JsonNode.class); }

        public String errorCode() {
            try {
                return json().path("error").path("code").asText(null);
            } catch (RuntimeException e) {
                return null;
            }
        }

        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
            }
            return null;
        }
    }

    /** {@code method target} with the given extra header lines (each ending in CRLF) and body. */
    public static Response send(String base, String method, String target, String headers, byte[] body, int timeoutMs) {
        return send(null, base, method, target, headers, body, timeoutMs);
    }

    /** The same from a chosen local address (e.g. 127.0.0.2, to be another client address on loopback). */
    public static Response send(java.net.InetAddress from, String base, String method, String target, String headers, byte[] body, int timeoutMs) {
        URI uri = URI.create(base);
        try (Socket s = new Socket()) {
            if (from != null) s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            s.setSoTimeout(timeoutMs);
            StringBuilder req = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\nConnection: close\r\n").append(headers);
            if (body != null) req.append("Content-Length: ").append(body.length).append("\r\n");
            req.append("\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) s.getOutputStream().write(body);
            s.getOutputStream().flush();
            return read(s.getInputStream());
        } catch (SocketTimeoutException e) {
            return new Response(-1, "", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return new Response(head.size() == 0 ? -1 : status(head.toString(StandardCharsets.ISO_8859_1)), head.toString(StandardCharsets.ISO_8859_1), "");
            head.write(b);
            matched = (b == '\r' || b == '\n') ? (matched + 1) : 0;
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        String lower = h.toLowerCase(Locale.ROOT);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int cl = lower.indexOf("content-length:");
        if (cl >= 0) {
            int n = Integer.parseInt(lower.substring(cl + 15, lower.indexOf('\r', cl)).trim());
            body.write(in.readNBytes(n));
        } else if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                String size = line(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) break;
                body.write(in.readNBytes(n));
                line(in);
            }
        }
        return new Response(status(h), h, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) if (b != '\r') sb.append((char) b);
        return sb.toString();
    }

    private static int status(String head) {
        String[] parts = head.split(" ", 3);
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }
}
