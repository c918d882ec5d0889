package io.restream.sdk;

import java.util.Map;

/**
 * A failed call: the service's error answer ({@code { "error": { code, message, status, fields? } }},
 * API.md §6), or no answer at all ({@link #status()} {@code 0}: network failure or timeout).
 * Unchecked.
 */
public class RestreamException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> fields;

    public RestreamException(int status, String code, String message, Map<String, String> fields) {
        super(message);
        this.status = status;
        this.code = code;
        this.fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public RestreamException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.fields = Map.of();
    }

    /** The HTTP status; {@code 0} when there was no answer (network failure, timeout). */
    public int status() { return status; }

    /** The API's error code ({@code not_connected}, {@code origin_not_allowed}, …); {@code network_error} or {@code timeout} for status 0. */
    public String code() { return code; }

    /** Field problems of a {@code validation_failed}: field name to reason. */
    public Map<String, String> fields() { return fields; }

    @Override
    public String toString() {
        return "RestreamException[" + status + " " + code + ": " + getMessage() + "]";
    }
}
