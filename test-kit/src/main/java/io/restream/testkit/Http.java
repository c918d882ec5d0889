package io.restream.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** JSON over HTTP for tests: the API, the simulator's control routes. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    /** A response with its JSON body. */
    public record Res(int status, Map<String, List<String>> headers, String text) {
        public JsonNode json() {
            return text == null || text.isEmpty() ? null : Json.read(text, JsonNode.class);
        }
    }

    /** {@code body} is sent as JSON unless it is already a String. */
    public static Res call(String method, String url, Map<String, String> headers, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        if (body != null && !headers.containsKey("Content-Type")) b.header("Content-Type", "application/json");
        String text = body == null ? null : body instanceof String s ? s : Json.write(body);
        b.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
