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
 * JSON over the JDK HTTP client for the platform REST calls. Returns every answer with its status
 * (the adapters decide what a refusal means on their platform); only an unreachable platform
 * throws. Messages name the method and path, never the query or a token.
 */
public final class RestClient {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** A platform's answer: its status and JSON body (an empty object when there was none or it was not JSON). */
    public record Reply(int status, JsonNode body, String where) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** A refusal naming the call and status, never the body (it may echo what we sent). */
        public PlatformException error(String code, String what) {
            return new PlatformException(code, what + " failed: " + where + " answered " + status);
        }
    }

    private final HttpClient client;

    public RestClient(HttpClient client) {
        this.client = client;
    }

    public static RestClient create() {
        return new RestClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public Reply get(String url, Map<String, String> headers) throws PlatformException {
        return send(builder(url, headers).GET().build());
    }

    public Reply postJson(String url, Map<String, String> headers, Object body) throws PlatformException {
        return send(builder(url, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    public Reply patchJson(String url, Map<String, String> headers, Object body) throws PlatformException {
        return withJson("PATCH", url, headers, body);
    }

    public Reply putJson(String url, Map<String, String> headers, Object body) throws PlatformException {
        return withJson("PUT", url, headers, body);
    }

    private Reply withJson(String method, String url, Map<String, String> headers, Object body) throws PlatformException {
        return send(builder(url, headers).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    public Reply postForm(String url, Map<String, String> headers, Map<String, String> form) throws PlatformException {
        return send(builder(url, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    public Reply delete(String url, Map<String, String> headers) throws PlatformException {
        return send(builder(url, headers).DELETE().build());
    }

    public static String q(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> q(e.getKey()) + "=" + q(e.getValue())).collect(Collectors.joining("&"));
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
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
            return new Reply(res.statusCode(), parse(res.body()), where);
        } catch (IOException e) {
            throw new PlatformException("platform_unreachable", where + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("platform_unreachable", where + " was interrupted");
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return Json.MAPPER.createObjectNode();
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
