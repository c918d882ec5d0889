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

/**
 * The JSON calls the chat adapters make, on the JDK HTTP client. A refusal becomes a
 * {@link PlatformException}: {@code needs_reconnect} for 401, {@code platform_error} otherwise,
 * with the platform's status but never the token or the URL's query.
 */
public final class PlatformHttp {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;

    public PlatformHttp(HttpClient client) {
        this.client = client;
    }

    public static PlatformHttp create() {
        return new PlatformHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public HttpClient client() {
        return client;
    }

    public JsonNode get(String url, Map<String, String> headers) throws PlatformException {
        return send(request(url, headers).GET().build());
    }

    public JsonNode postJson(String url, Map<String, String> headers, Object body) throws PlatformException {
        return send(request(url, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    public JsonNode post(String url, Map<String, String> headers) throws PlatformException {
        return send(request(url, headers).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public JsonNode delete(String url, Map<String, String> headers) throws PlatformException {
        return send(request(url, headers).DELETE().build());
    }

    public static String q(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static HttpRequest.Builder request(String url, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "application/json");
        headers.forEach(b::header);
        return b;
    }

    private JsonNode send(HttpRequest request) throws PlatformException {
        String where = request.method() + " " + request.uri().getPath();
        HttpResponse<String> res;
        try {
            res = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PlatformException("platform_unreachable", where + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("platform_unreachable", where + " interrupted");
        }
        if (res.statusCode() == 401) {
            throw new PlatformException("needs_reconnect", where + " was refused (401): the connection must be renewed");
        }
        if (res.statusCode() / 100 != 2) {
            throw new PlatformException("platform_error", where + " answered " + res.statusCode());
        }
        String body = res.body();
        if (body == null || body.isBlank()) return Json.MAPPER.createObjectNode();
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new PlatformException("platform_error", where + " answered with a body that is not JSON");
        }
    }
}
