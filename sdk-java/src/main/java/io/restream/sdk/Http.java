package io.restream.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JSON over the JDK HTTP client with the options' credential, the API's errors mapped to
 * {@link RestreamException}, and a hard deadline: every call ends within the timeout, with status
 * 0 when no complete answer came (also from a server that accepts and never answers). In token
 * mode a {@code 401} invalidates the token and the call is retried once with a fresh one.
 */
final class Http {
    private final RestreamOptions options;
    private final HttpClient client;
    private final ExecutorService pool;
    private final TokenCache tokens;
    private volatile boolean closed;

    Http(RestreamOptions options, ExecutorService pool) {
        this.options = options;
        this.pool = pool;
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on plain http, and a long-lived
        // event stream multiplexed on an HTTP/2 connection did not see that connection die.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.timeout()).executor(pool).build();
        this.tokens = options.mode() == RestreamOptions.Mode.TOKEN ? new TokenCache(options.tokenSupplier()) : null;
    }

    HttpClient client() { return client; }

    /** Sends and returns the JSON body (null when empty); throws {@link RestreamException}. */
    JsonNode call(String method, String path, Object body) {
        if (closed) throw new RestreamException(0, "closed", "the studio is closed", Map.of());
        String token = tokens == null ? null : tokens.get();
        try {
            return attempt(method, path, body, token);
        } catch (RestreamException e) {
            if (tokens == null || e.status() != 401) throw e;
            tokens.invalidate(token);
            return attempt(method, path, body, tokens.get());
        }
    }

    private JsonNode attempt(String method, String path, Object body, String token) {
        HttpRequest.Builder b = authorized(URI.create(options.apiBase() + path), token)
                .timeout(options.timeout()).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> r = await(client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()), method + " " + path);
        if (r.statusCode() >= 400) throw Json.error(r.statusCode(), r.body());
        try {
            return Json.read(r.body());
        } catch (IOException e) {
            throw new RestreamException(r.statusCode(), "invalid_response", method + " " + path + " answered with invalid JSON", e);
        }
    }

    /** Opens a streaming GET (the event stream) with the given extra headers; the caller reads the body. */
    HttpResponse<InputStream> openStream(URI uri, String token, Map<String, String> headers) {
        HttpRequest.Builder b = authorized(uri, token).timeout(options.timeout()).header("Accept", "text/event-stream").GET();
        headers.forEach(b::header);
        return await(client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream()), "GET /api/v1/events");
    }

    /** The current session token (token mode), fetching one if needed. */
    String token() { return tokens == null ? null : tokens.get(); }

    void invalidateToken(String token) {
        if (tokens != null) tokens.invalidate(token);
    }

    /** A request with the credential headers of the options' mode ({@code token} only in token mode; may be null). */
    HttpRequest.Builder authorized(URI uri, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        switch (options.mode()) {
            case SECRET_KEY -> b.header("X-API-Key", options.secretKey()).header("X-User-Id", options.userId());
            case PUBLISHABLE_KEY -> b.header("X-Publishable-Key", options.publishableKey()).header("X-User-Id", options.userId())
                    .header("Origin", options.origin());
            case TOKEN -> {
                if (token != null) b.header("Authorization", "Bearer " + token);
            }
        }
        return b;
    }

    /** Waits at most the timeout (the request's own timeout only covers the headers). */
    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> f, String what) {
        try {
            return f.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new RestreamException(0, "timeout", what + ": no answer within " + options.timeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new RestreamException(0, "interrupted", what + " was interrupted", e);
        } catch (CancellationException e) {
            throw new RestreamException(0, "network_error", what + " was cancelled", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            boolean timedOut = c instanceof HttpTimeoutException;
            throw new RestreamException(0, timedOut ? "timeout" : "network_error",
                    what + (timedOut ? ": no answer within " + options.timeout().toMillis() + " ms" : " failed: " + c), c);
        }
    }

    /** Ends the client's threads (the pool; on JDK 21+ also its selector thread). */
    void close() {
        closed = true;
        pool.shutdownNow();
        try {
            // JDK 21+ can end the client's selector thread at once; on 17 it ends once the client is unreachable.
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (ReflectiveOperationException olderJdk) {
            // Nothing more to end here: the pool above held every thread the client ran our work on.
        }
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
