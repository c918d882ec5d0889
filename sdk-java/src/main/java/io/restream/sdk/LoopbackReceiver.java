package io.restream.sdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The loopback redirect listener of a native app's sign-in (RFC 8252 §7.3): a one-shot HTTP
 * endpoint on {@code 127.0.0.1} and a random port and path, where the service's OAuth callback sends
 * the browser with {@code ?platform=…&confirmation=…} (or {@code ?error=…}). Only that path is
 * answered; anything else gets a 404 and the receiver keeps waiting.
 */
final class LoopbackReceiver implements AutoCloseable {
    private static final int MAX_HEAD = 16 * 1024;

    private final ServerSocket server;
    private final String path = "/restream/callback/" + UUID.randomUUID();

    LoopbackReceiver() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    }

    /** Where the service should send the browser back. */
    String returnUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /**
     * Waits for the browser to arrive, at most until {@code deadlineMs}; {@code handle} turns the
     * query parameters into the HTML shown in the browser (it runs before the browser gets its page).
     *
     * @return the query parameters of the callback
     */
    Map<String, String> await(long deadlineMs, Function<Map<String, String>, String> handle) throws IOException {
        while (true) {
            long left = deadlineMs - System.currentTimeMillis();
            if (left <= 0) throw new SocketTimeoutException("the browser did not come back in time");
            server.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000); // a browser's speculative connection that sends nothing is dropped
                String target = requestTarget(s.getInputStream());
                if (target == null) continue;
                int q = target.indexOf('?');
                if (!(q < 0 ? target : target.substring(0, q)).equals(path)) {
                    respond(s.getOutputStream(), 404, "<p>Not found.</p>");
                    continue;
                }
                Map<String, String> params = query(q < 0 ? "" : target.substring(q + 1));
                if (!params.containsKey("confirmation") && !params.containsKey("error")) {
                    respond(s.getOutputStream(), 400, "<p>This is not a sign-in result.</p>");
                    continue;
                }
                String page;
                try {
                    page = handle.apply(params);
                } catch (RuntimeException e) {
                    respond(s.getOutputStream(), 200, "<p>The connection could not be completed: " + escape(String.valueOf(e.getMessage())) + "</p>");
                    throw e;
                }
                respond(s.getOutputStream(), 200, page);
                return params;
            } catch (SocketTimeoutException e) {
                if (deadlineMs - System.currentTimeMillis() <= 0) throw e;
                // a silent client connection timed out; keep waiting for the browser
            }
        }
    }

    /** The request target of a GET, or null for anything else. */
    private static String requestTarget(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        int matched = 0;
        while ((b = in.read()) != -1 && head.size() < MAX_HEAD) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) break;
        }
        String first = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
        String[] parts = first.split(" ");
        return parts.length == 3 && parts[0].equals("GET") ? parts[1] : null;
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new HashMap<>();
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static void respond(OutputStream out, int status, String body) throws IOException {
        byte[] html = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Restream</title></head><body>"
                + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : status == 404 ? " Not Found" : " Bad Request") + "\r\n"
                + "Content-Type: text/html; charset=utf-8\r\nContent-Length: " + html.length + "\r\n"
                + "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(html);
        out.flush();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
    }
}
