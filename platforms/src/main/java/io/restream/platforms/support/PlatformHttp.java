package io.restream.platforms.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.platforms.port.PlatformException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one HTTP helper for platform calls (OAuth, broadcast set-up, chat, viewers): JSON over the
 * JDK HTTP client. Every answer comes back as a {@link Reply} with its status, so each adapter
 * decides what a refusal means on its platform ({@link Reply#require} is the usual reading); only
 * an unreachable platform throws. Messages name the method and path, never the query or a token.
 * The same client carries the platforms' sockets and streams ({@link #client()}).
 */
public final class PlatformHttp {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * A platform's answer: its status and JSON body (an empty object when there was none).
     *
     * @param json false when the body was there but not JSON (then {@code body} is an empty object)
     */
    public record Reply(int status, JsonNode body, String where, boolean json) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** A refusal naming the call and status, never the body (it may echo what we sent). */
        public PlatformException error(String code, String what) {
            return new PlatformException(code, what + " failed: " + where + " answered " + status);
        }

        /**
         * The body of a 2xx JSON answer. 401 (or the Graph API's error code 190: token expired or
         * revoked) → {@code needs_reconnect}; any other refusal or a body that is not JSON →
         * {@code platform_error}.
         */
        public JsonNode require(String what) throws PlatformException {
            if (ok() && json) return body;
            if (ok()) throw new PlatformException("platform_error", what + " failed: " + where + " answered with a body that is not JSON");
            if (status == 401 || body.path("error").path("code").asInt() == 190) throw error("needs_reconnect", what);
            throw error("platform_error", what);
        }
    }

    private final HttpClient client;

    public PlatformHttp(HttpClient client) {
        this.client = client;
    }

    public static PlatformHttp create() {
        return new PlatformHttp(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
    }

    /** The underlying client, for WebSockets and long-lived streams. */
    public HttpClient client() {
        return client;
    }

    public Reply get(String url, Map<String, String> headers) throws PlatformException {
        return send(builder(url, headers).GET().build());
    }

    public Reply post(String url, Map<String, String> headers) throws PlatformException {
        return send(builder(url, headers).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Reply postJson(String url, Map<String, String> headers, Object body) throws PlatformException {
        return withJson("POST", url, headers, body);
    }

    public Reply patchJson(String url, Map<String, String> headers, Object body) throws PlatformException {
        return withJson("PATCH", url, headers, body);
    }

    public Reply putJson(String url, Map<String, String> headers, Object body) throws PlatformException {
        return withJson("PUT", url, headers, body);
    }

    public Reply postForm(String url, Map<String, String> headers, Map<String, String> form) throws PlatformException {
        return send(builder(url, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    public Reply delete(String url, Map<String, String> headers) throws PlatformException {
        return send(builder(url, headers).DELETE().build());
    }

    /** A query parameter's value, URL-encoded ({@code null} as empty). */
    public static String q(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> q(e.getKey()) + "=" + q(e.getValue())).collect(Collectors.joining("&"));
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private Reply withJson(String method, String url, Map<String, String> headers, Object body) throws PlatformException {
        return send(builder(url, headers).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    private static HttpRequest.Builder builder(String url, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "application/json");
        headers.forEach(b::header);
        return b;
    }

    private Reply send(HttpRequest request) throws PlatformException {
        String where = request.method() + " " + request.uri().getPath();
        try {
            HttpResponse<String> res = client.send(request, HttpResponse.BodyHandlers.ofString());
            return reply(res.statusCode(), res.body(), where);
        } catch (IOException e) {
            throw new PlatformException("platform_unreachable", where + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("platform_unreachable", where + " was interrupted");
        }
    }

    private static Reply reply(int status, String body, String where) {
        if (body == null || body.isBlank()) return new Reply(status, Json.MAPPER.createObjectNode(), where, true);
        try {
            return new Reply(status, Json.MAPPER.readTree(body), where, true);
        } catch (IOException e) {
            return new Reply(status, Json.MAPPER.createObjectNode(), where, false);
        }
    }
}
