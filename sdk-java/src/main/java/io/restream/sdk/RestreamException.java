package io.restream.sdk;

import java.util.Map;

/** An error answer of the API ({@code { "error": { code, message, status, fields? } }}), or a transport failure. */
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

    public RestreamException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = "transport_error";
        this.fields = Map.of();
    }

    /** The HTTP status, or 0 when the request did not get an answer. */
    public int status() { return status; }

    /** The API's error code, e.g. {@code not_connected}, {@code rate_limited}. */
    public String code() { return code; }

    /** Field problems of a {@code validation_failed}. */
    public Map<String, String> fields() { return fields; }
}
