package io.restream.sdk;

/**
 * An error the service reports inside a record rather than as a failed call: why a job failed
 * ({@link Job#error()}) or why one platform refused a chat message ({@link SendResult#error()}).
 *
 * @param code snake_case error code, e.g. {@code all_destinations_failed}
 * @param message human-readable explanation
 */
public record ApiError(String code, String message) {}
