package io.restream.core.error;

import java.util.Map;

/**
 * A failure that maps to the JSON error of docs/API.md §6. Thrown by domain code; turned into a response
 * in exactly one place (the service's failure handler).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> fields;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, String> fields) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.fields = Map.copyOf(fields);
    }

    public int status() { return status; }
    public String code() { return code; }
    public Map<String, String> fields() { return fields; }

    public static ApiException validation(Map<String, String> fields) {
        return new ApiException(400, "validation_failed", "Request validation failed: " + String.join(", ", fields.keySet()), fields);
    }

    public static ApiException validation(String field, String reason) {
        return validation(Map.of(field, reason));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message);
    }
}
