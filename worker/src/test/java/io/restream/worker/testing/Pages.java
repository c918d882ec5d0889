package io.restream.worker.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Banner pages served over HTTP on 127.0.0.1: {@link #put} a page at a path, read the URL back,
 * and see which paths were requested. {@code /redirect?to=URL} answers 302 to {@code URL}.
 */
public final class Pages implements AutoCloseable {
    private final HttpServer http;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    public Pages() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        http.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            requested.add(path);
            String query = ex.getRequestURI().getRawQuery();
            if (path.equals("/redirect") && query != null && query.startsWith("to=")) {
                ex.getResponseHeaders().add("Location", java.net.URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8));
                ex.sendResponseHeaders(302, -1);
                ex.close();
                return;
            }
            String body = pages.get(path);
            byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", body == null ? "text/plain" : "text/html; charset=utf-8");
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        http.start();
    }

    /** Serves {@code html} at {@code path} and returns its URL. */
    public String put(String path, String html) {
        pages.put(path, html);
        return url(path);
    }

    public String url(String path) { return "http://127.0.0.1:" + http.getAddress().getPort() + path; }

    public List<String> requested() { return List.copyOf(requested); }

    /**
     * A page with a bar at the top-left quarter ({@code 0..w/2 × 0..h/4}) whose colour cycles
     * through red, green and blue every {@code periodMs}, by JavaScript; the rest is transparent.
     */
    public static String colourBar(int periodMs) {
        return "<!doctype html><html><head><style>html,body{margin:0;background:transparent}"
                + "#bar{position:absolute;left:0;top:0;width:50vw;height:25vh;background:#f00}</style></head>"
                + "<body><div id=bar></div><script>const c=['#f00','#0f0','#00f'];let i=0;"
                + "setInterval(()=>{i=(i+1)%3;document.getElementById('bar').style.background=c[i];}," + periodMs + ");"
                + "</script></body></html>";
    }

    /** A page whose bar stays one solid colour ({@code css}, e.g. {@code #ff00ff}). */
    public static String solidBar(String css) {
        return "<!doctype html><html><head><style>html,body{margin:0;background:transparent}"
                + "#bar{position:absolute;left:0;top:0;width:50vw;height:25vh;background:" + css + "}</style></head>"
                + "<body><div id=bar></div></body></html>";
    }

    @Override
    public void close() { http.stop(0); }
}
