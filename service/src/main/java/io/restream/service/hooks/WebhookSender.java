package io.restream.service.hooks;

import io.restream.core.net.UrlGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.net.InetAddress;
import java.net.URI;
import java.util.Set;

/**
 * One signed POST of an event to a webhook URL. The URL passes the URL guard right before sending
 * and the request goes to the very address that was checked (no second DNS lookup that could be
 * rebound to an internal host); redirects are not followed. Answers the HTTP status, or 0 with a
 * reason when there was no answer within {@link #TIMEOUT_MS}.
 */
final class WebhookSender {
    static final long TIMEOUT_MS = 10_000;

    /** The outcome of one attempt. */
    record Outcome(int status, String error) {}

    private final Vertx vertx;
    private final HttpClient http;
    private final UrlGuard guard;
    private final Set<String> schemes;

    /** Certificates are checked against the JDK's trusted authorities and the URL's host name. */
    WebhookSender(Vertx vertx, UrlGuard guard, Set<String> schemes) {
        this(vertx, guard, schemes, null);
    }

    /** @param trust the authorities to trust instead of the JDK's (tests with their own certificate), or null */
    WebhookSender(Vertx vertx, UrlGuard guard, Set<String> schemes, TrustOptions trust) {
        this.vertx = vertx;
        this.guard = guard;
        this.schemes = schemes;
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout(5_000).setKeepAlive(false)
                .setVerifyHost(true).setMaxRedirects(0);
        if (trust != null) options.setTrustOptions(trust);
        this.http = vertx.createHttpClient(options);
    }

    Future<Outcome> send(String url, String signature, String body) {
        return vertx.<InetAddress>executeBlocking(() -> guard.checkedAddress("url", url, schemes), false).compose(address -> {
            URI uri = URI.create(url);
            boolean tls = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                    .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                    .setTimeout(TIMEOUT_MS).setFollowRedirects(false)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("User-Agent", "Restream-Webhooks/1")
                    .putHeader(Signature.HEADER, signature);
            return http.request(options)
                    .compose(req -> req.send(body))
                    .compose(res -> res.body().map(ignored -> new Outcome(res.statusCode(), res.statusCode() / 100 == 2 ? null : "answered " + res.statusCode())));
        }).recover(e -> Future.succeededFuture(new Outcome(0, reason(e))));
    }

    void close() {
        http.close();
    }

    /**
     * Why an attempt failed, for the operator's delivery log. A TLS failure names its cause (the
     * certificate is not trusted, or names another host), not only Netty's "Failed to create SSL connection".
     */
    private static String reason(Throwable e) {
        if (e instanceof io.restream.core.error.ApiException) return "URL not allowed: " + message(e);
        Throwable tls = null;
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException || c instanceof java.security.cert.CertificateException) tls = c;
        }
        String m = tls == null ? message(e) : "TLS: " + message(tls);
        return m.length() > 200 ? m.substring(0, 200) : m;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
