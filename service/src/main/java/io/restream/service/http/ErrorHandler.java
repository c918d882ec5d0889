package io.restream.service.http;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.restream.core.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failure becomes the JSON error of docs/API.md §6. Domain failures carry their own
 * status and code; Redis trouble is {@code 503 unavailable}; anything unexpected is logged with
 * its stack trace here and answered without one.
 */
public final class ErrorHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        ApiException error = map(ctx.failure(), ctx.statusCode(), ctx);
        if (ctx.response().ended() || ctx.response().closed()) return;
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        write(ctx, error);
    }

    public static void write(RoutingContext ctx, ApiException error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        body.put("status", error.status());
        if (!error.fields().isEmpty()) body.put("fields", error.fields());
        Responses.json(ctx, error.status(), Map.of("error", body));
    }

    static ApiException map(Throwable failure, int status, RoutingContext ctx) {
        Throwable f = unwrap(failure);
        if (f instanceof ApiException api) return api;
        if (f instanceof RedisConnectionException || f instanceof RedisCommandTimeoutException || f instanceof RedisException) {
            log.warn("Redis unavailable for {} {}: {}", ctx.request().method(), ctx.normalizedPath(), f.getMessage());
            return ApiException.unavailable("A dependency (Redis) is unavailable; nothing was changed. Retry shortly.");
        }
        if (f instanceof java.io.IOException) {
            // Lettuce completes in-flight commands with the channel's own exception ("Connection
            // reset") when a Redis node dies under them, e.g. a cluster master before its failover.
            log.warn("a dependency's connection failed for {} {}: {}", ctx.request().method(), ctx.normalizedPath(), f.toString());
            return ApiException.unavailable("A dependency is unavailable; retry shortly.");
        }
        if (f == null) {
            return switch (status) {
                case 404, 405 -> new ApiException(404, "not_found", "No such route: " + ctx.request().method() + " " + ctx.normalizedPath());
                case 413 -> new ApiException(413, "body_too_large", "Request body exceeds 64 KiB");
                case 400 -> new ApiException(400, "validation_failed", "Malformed request");
                case 401 -> new ApiException(401, "missing_credentials", "Credentials are required");
                case 403 -> new ApiException(403, "origin_not_allowed", "Forbidden");
                default -> internal(ctx, null);
            };
        }
        if (f instanceof IllegalArgumentException && status == 400) {
            return new ApiException(400, "validation_failed", "Malformed request");
        }
        return internal(ctx, f);
    }

    private static ApiException internal(RoutingContext ctx, Throwable f) {
        log.error("unexpected failure on {} {}", ctx.request().method(), ctx.normalizedPath(), f);
        return new ApiException(500, "internal_error", "Unexpected server error");
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) t = t.getCause();
        return t;
    }
}
