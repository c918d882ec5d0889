package io.restream.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The one Jackson mapper of the SDK: unknown fields ignored (newer servers work), nulls not sent. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    static final TypeReference<List<Connection>> CONNECTIONS = new TypeReference<>() {};
    static final TypeReference<List<Comment>> COMMENTS = new TypeReference<>() {};
    static final TypeReference<List<SendResult>> RESULTS = new TypeReference<>() {};

    private Json() {}

    static JsonNode read(byte[] bytes) throws IOException {
        return bytes.length == 0 ? null : MAPPER.readTree(bytes);
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T as(JsonNode node, Class<T> type) {
        return MAPPER.convertValue(node, type);
    }

    static <T> T as(JsonNode node, TypeReference<T> type) {
        return MAPPER.convertValue(node, type);
    }

    /** The API's error body (API.md §6) as an exception; a body that is not one still gives the status. */
    static RestreamException error(int status, byte[] body) {
        try {
            JsonNode e = read(body);
            JsonNode err = e == null ? null : e.path("error");
            if (err == null || !err.isObject()) return new RestreamException(status, "http_" + status, "HTTP " + status, Map.of());
            Map<String, String> fields = new HashMap<>();
            err.path("fields").fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
            return new RestreamException(status, err.path("code").asText("http_" + status), err.path("message").asText("HTTP " + status), fields);
        } catch (IOException notJson) {
            return new RestreamException(status, "http_" + status, "HTTP " + status, Map.of());
        }
    }
}
