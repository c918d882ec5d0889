package io.restream.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Immutable options of a {@link RestreamStudio}: where the API is, how to authenticate, how long
 * to wait. Build with {@link #builder(URI)}; exactly one credential mode is required:
 *
 * <ul>
 *   <li><b>publishable key</b> ({@code publishableKey + userId + origin}): the browser-like credential
 *       of a desktop app; the origin travels as the {@code Origin} header and must be on the key's
 *       allowlist;</li>
 *   <li><b>secret key</b> ({@code secretKey + userId}): a backend acting for one of its users
 *       ({@code X-API-Key} + {@code X-User-Id}); never ship it to a user's device;</li>
 *   <li><b>token</b> ({@code tokenSupplier}): short-lived session tokens your backend mints; the
 *       studio caches them, asks again before they expire and once after a {@code 401}.</li>
 * </ul>
 */
public final class RestreamOptions {
    /** How long one request may take before it fails with status 0. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** First pause before the event stream reconnects; doubles per failed attempt. */
    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofMillis(500);
    /** Longest pause between reconnect attempts, so the stream is back soon after the API is. */
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(8);

    /** The credential mode the options were built with. */
    enum Mode { PUBLISHABLE_KEY, SECRET_KEY, TOKEN }

    private final URI apiBase;
    private final Mode mode;
    private final String publishableKey;
    private final String secretKey;
    private final String userId;
    private final String origin;
    private final Supplier<SessionToken> tokenSupplier;
    private final Duration timeout;
    private final Duration reconnectMin;
    private final Duration reconnectMax;

    RestreamOptions(RestreamOptionsBuilder b, Mode mode) {
        this.apiBase = b.apiBase;
        this.mode = mode;
        this.publishableKey = b.publishableKey;
        this.secretKey = b.secretKey;
        this.userId = b.userId;
        this.origin = b.origin;
        this.tokenSupplier = b.tokenSupplier;
        this.timeout = b.timeout;
        this.reconnectMin = b.reconnectMin;
        this.reconnectMax = b.reconnectMax;
    }

    /** Starts options for the service at {@code apiBase}, e.g. {@code https://restream.example.com}. */
    public static RestreamOptionsBuilder builder(URI apiBase) {
        return new RestreamOptionsBuilder(apiBase);
    }

    public URI apiBase() { return apiBase; }
    public Duration timeout() { return timeout; }
    public Duration reconnectMin() { return reconnectMin; }
    public Duration reconnectMax() { return reconnectMax; }
    /** The user the studio acts for; null in token mode (the user is inside the token). */
    public String userId() { return userId; }
    /** The {@code Origin} sent with a publishable key; null otherwise. */
    public String origin() { return origin; }

    Mode mode() { return mode; }
    String publishableKey() { return publishableKey; }
    String secretKey() { return secretKey; }
    Supplier<SessionToken> tokenSupplier() { return tokenSupplier; }

    /** Names the mode and user, never a key or token. */
    @Override
    public String toString() {
        return "RestreamOptions[" + apiBase + ", " + mode.name().toLowerCase() + (userId == null ? "" : " for " + userId) + "]";
    }
}
