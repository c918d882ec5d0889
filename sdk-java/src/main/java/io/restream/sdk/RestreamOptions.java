package io.restream.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
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

    private RestreamOptions(Builder b, Mode mode) {
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
    public static Builder builder(URI apiBase) {
        return new Builder(apiBase);
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

    /** Builds {@link RestreamOptions}; every setter returns the builder. */
    public static final class Builder {
        private final URI apiBase;
        private String publishableKey;
        private String secretKey;
        private String userId;
        private String origin;
        private Supplier<SessionToken> tokenSupplier;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration reconnectMin = DEFAULT_RECONNECT_MIN;
        private Duration reconnectMax = DEFAULT_RECONNECT_MAX;

        private Builder(URI apiBase) {
            String s = Objects.requireNonNull(apiBase, "apiBase").toString();
            if (!s.startsWith("http://") && !s.startsWith("https://")) throw new IllegalArgumentException("apiBase must be an http(s) URL");
            this.apiBase = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        }

        /** A publishable key ({@code pk_live_…}); needs {@link #userId} and {@link #origin}. */
        public Builder publishableKey(String key) {
            this.publishableKey = Objects.requireNonNull(key, "publishableKey");
            return this;
        }

        /** A secret key ({@code sk_live_…}); needs {@link #userId}. For backends only. */
        public Builder secretKey(String key) {
            this.secretKey = Objects.requireNonNull(key, "secretKey");
            return this;
        }

        /** The user to act for (1–128 of {@code [A-Za-z0-9._:@-]}), with a publishable or secret key. */
        public Builder userId(String userId) {
            this.userId = Objects.requireNonNull(userId, "userId");
            return this;
        }

        /** The origin sent as {@code Origin} with a publishable key, e.g. {@code https://app.example.com}. */
        public Builder origin(String origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /**
         * Token mode: asked for a token lazily, again shortly before it expires and once after a
         * {@code 401}; never called twice at once. Called on the thread that needs the token.
         */
        public Builder tokenSupplier(Supplier<SessionToken> supplier) {
            this.tokenSupplier = Objects.requireNonNull(supplier, "tokenSupplier");
            return this;
        }

        /** How long one request may take (default {@link #DEFAULT_TIMEOUT}); then it fails with status 0. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
            this.timeout = timeout;
            return this;
        }

        /** Reconnect backoff of the event stream: first pause and cap (defaults 0.5 s and 8 s). */
        public Builder reconnectBackoff(Duration min, Duration max) {
            if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) throw new IllegalArgumentException("need 0 < min <= max");
            this.reconnectMin = min;
            this.reconnectMax = max;
            return this;
        }

        /** @throws IllegalStateException unless exactly one complete credential mode was given */
        public RestreamOptions build() {
            int modes = (publishableKey != null ? 1 : 0) + (secretKey != null ? 1 : 0) + (tokenSupplier != null ? 1 : 0);
            if (modes != 1) {
                throw new IllegalStateException("set exactly one credential: publishableKey(..), secretKey(..) or tokenSupplier(..)");
            }
            if (tokenSupplier != null) {
                if (userId != null || origin != null) throw new IllegalStateException("token mode takes no userId or origin: the user is in the token");
                return new RestreamOptions(this, Mode.TOKEN);
            }
            if (userId == null) throw new IllegalStateException("a key needs userId(..)");
            if (publishableKey != null) {
                if (origin == null) throw new IllegalStateException("a publishable key needs origin(..): the service checks it against the key's allowlist");
                return new RestreamOptions(this, Mode.PUBLISHABLE_KEY);
            }
            if (origin != null) throw new IllegalStateException("origin(..) goes with a publishable key only");
            return new RestreamOptions(this, Mode.SECRET_KEY);
        }
    }
}
