package io.restream.sdk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** JSON over the JDK HTTP client, with the credential headers and API error mapping. */
final class Transport {
    static final ObjectMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final RestreamOptions options;
    private final HttpClient http;

    Transport(RestreamOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(options.timeout()).build();
    }

    HttpClient http() { return http; }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(options.baseUrl() + path));
        String token = options.sessionToken();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        } else {
            b.header("X-API-Key", options.secretKey()).header("X-User-Id", options.userId());
        }
        return b;
    }

    <T> T send(String method, String path, Object body, Class<T> type) {
        JsonNode node = sendForJson(method, path, body);
        return node == null || type == Void.class ? null : JSON.convertValue(node, type);
    }

    JsonNode sendForJson(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = request(path).timeout(options.timeout()).header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] bytes = in.readAllBytes();
                if (r.statusCode() >= 400) throw error(r.statusCode(), bytes);
                return bytes.length == 0 ? null : JSON.readTree(bytes);
            }
        } catch (IOException e) {
            throw new RestreamException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestreamException(method + " " + path + " was interrupted", e);
        }
    }

    static RestreamException error(int status, byte[] body) {
        try {
            JsonNode e = JSON.readTree(body).path("error");
            Map<String, String> fields = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.path("fields").fields(); it.hasNext(); ) {
                var f = it.next();
                fields.put(f.getKey(), f.getValue().asText());
            }
            return new RestreamException(status, e.path("code").asText("http_" + status), e.path("message").asText("HTTP " + status), fields);
        } catch (IOException notJson) {
            return new RestreamException(status, "http_" + status, "HTTP " + status, Map.of());
        }
    }
}
