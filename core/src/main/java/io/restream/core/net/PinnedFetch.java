package io.restream.core.net;

import io.restream.core.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking GET of a user-given URL that connects to the very address {@link UrlGuard} checked,
 * so a host whose DNS answer changes between the check and the connection (DNS rebinding) cannot
 * lead it inside. The URL's host still goes out as {@code Host} and TLS SNI, and the certificate
 * is verified against it. Redirects are not followed; the body is cut off beyond a cap.
 *
 * <p>Owns a small Vert.x instance (one event loop); {@link #close()} ends it.
 */
public final class PinnedFetch implements AutoCloseable {
    /** What the server answered. */
    public record Response(int status, byte[] body) {}

    private final UrlGuard guard;
    private final Vertx vertx;
    private final HttpClient http;

    public PinnedFetch(UrlGuard guard) {
        this(guard, null);
    }

    /** @param trust certificates to trust instead of the JVM's (tests: a server with a certificate of their own), or null */
    PinnedFetch(UrlGuard guard, TrustOptions trust) {
        this.guard = guard;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout(5_000).setVerifyHost(true)
                .setKeepAlive(false).setMaxRedirects(0);
        if (trust != null) options.setTrustOptions(trust);
        this.http = vertx.createHttpClient(options);
    }

    /**
     * @throws IOException when the URL is refused by the guard ({@code field} named), unreachable,
     *     slower than {@code timeout} or larger than {@code maxBytes}
     */
    public Response get(String field, String url, Set<String> schemes, long maxBytes, Duration timeout)
            throws IOException, InterruptedException {
        InetAddress address;
        try {
            address = guard.checkedAddress(field, url, schemes);
        } catch (ApiException e) {
            throw new IOException(field + " refused: " + e.getMessage());
        }
        URI uri = URI.create(url);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setTimeout(timeout.toMillis()).setFollowRedirects(false);
        Future<Response> answer = http.request(options).compose(req -> req.send()).compose(res -> {
            long declared = parseLength(res.getHeader("Content-Length"));
            if (declared > maxBytes) return Future.failedFuture(new IOException(field + ": larger than " + maxBytes + " bytes"));
            Promise<Response> done = Promise.promise();
            Buffer body = Buffer.buffer();
            res.handler(chunk -> {
                if (body.length() + chunk.length() > maxBytes) {
                    done.tryFail(new IOException(field + ": larger than " + maxBytes + " bytes"));
                    res.request().reset();
                } else {
                    body.appendBuffer(chunk);
                }
            });
            res.exceptionHandler(done::tryFail);
            res.endHandler(v -> done.tryComplete(new Response(res.statusCode(), body.getBytes())));
            return done.future();
        });
        try {
            return answer.toCompletionStage().toCompletableFuture().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            throw new IOException(field + ": " + (cause == null ? "failed" : cause.getMessage()));
        } catch (TimeoutException e) {
            throw new IOException(field + ": no answer within " + timeout.toMillis() + " ms");
        }
    }

    private static long parseLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        http.close();
        vertx.close();
    }
}
