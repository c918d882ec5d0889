package io.restream.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP calls for the deployment tests (no redirects followed: the OAuth walk reads them). */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private Http() {}

    /** An answer; {@code status} -1 when none came within the timeout (a hang) or the connection failed. */
    public record Answer(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() { return Json.read(body, JsonNode.class); }

        public String location() { return raw.headers().firstValue("Location").orElseThrow(); }

        public String errorCode() {
            try {
                return json().path("error").path("code").asText("");
            } catch (RuntimeException e) {
                return "";
            }
        }
    }

    public static Answer call(String method, String url, Map<String, String> headers, Object body) {
        return call(method, url, headers, body, Duration.ofSeconds(20));
    }

    public static Answer call(String method, String url, Map<String, String> headers, Object body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        headers.forEach(b::header);
        if (body != null) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body)));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            return new Answer(-1, String.valueOf(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int status(String method, String url) {
        return call(method, url, Map.of(), null, Duration.ofSeconds(5)).status();
    }

    /** A call that must answer {@code expected}; the body as JSON. */
    public static JsonNode ok(int expected, String method, String url, Map<String, String> headers, Object body) {
        Answer a = call(method, url, headers, body);
        if (a.status() != expected) throw new AssertionError(method + " " + url + " → " + a.status() + " " + a.body());
        return a.body() == null || a.body().isBlank() ? Json.MAPPER.createObjectNode() : a.json();
    }
}
