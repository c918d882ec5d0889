package io.restream.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds {@link RestreamOptions} (start with {@link RestreamOptions#builder(URI)}); every setter
 * returns the builder, {@link #build()} checks that exactly one credential mode is complete.
 */
public final class RestreamOptionsBuilder {
    final URI apiBase;
    String publishableKey;
    String secretKey;
    String userId;
    String origin;
    Supplier<SessionToken> tokenSupplier;
    Duration timeout = RestreamOptions.DEFAULT_TIMEOUT;
    Duration reconnectMin = RestreamOptions.DEFAULT_RECONNECT_MIN;
    Duration reconnectMax = RestreamOptions.DEFAULT_RECONNECT_MAX;

    RestreamOptionsBuilder(URI apiBase) {
        String s = Objects.requireNonNull(apiBase, "apiBase").toString();
        if (!s.startsWith("http://") && !s.startsWith("https://")) throw new IllegalArgumentException("apiBase must be an http(s) URL");
        this.apiBase = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** A publishable key ({@code pk_live_…}); needs {@link #userId} and {@link #origin}. */
    public RestreamOptionsBuilder publishableKey(String key) {
        this.publishableKey = Objects.requireNonNull(key, "publishableKey");
        return this;
    }

    /** A secret key ({@code sk_live_…}); needs {@link #userId}. For backends only. */
    public RestreamOptionsBuilder secretKey(String key) {
        this.secretKey = Objects.requireNonNull(key, "secretKey");
        return this;
    }

    /** The user to act for (1–128 of {@code [A-Za-z0-9._:@-]}), with a publishable or secret key. */
    public RestreamOptionsBuilder userId(String userId) {
        this.userId = Objects.requireNonNull(userId, "userId");
        return this;
    }

    /** The origin sent as {@code Origin} with a publishable key, e.g. {@code https://app.example.com}. */
    public RestreamOptionsBuilder origin(String origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
        return this;
    }

    /**
     * Token mode: asked for a token lazily, again shortly before it expires and once after a
     * {@code 401}; never called twice at once. Called on the thread that needs the token.
     */
    public RestreamOptionsBuilder tokenSupplier(Supplier<SessionToken> supplier) {
        this.tokenSupplier = Objects.requireNonNull(supplier, "tokenSupplier");
        return this;
    }

    /** How long one request may take (default {@link RestreamOptions#DEFAULT_TIMEOUT}); then it fails with status 0. */
    public RestreamOptionsBuilder timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        this.timeout = timeout;
        return this;
    }

    /** Reconnect backoff of the event stream: first pause and cap (defaults 0.5 s and 8 s). */
    public RestreamOptionsBuilder reconnectBackoff(Duration min, Duration max) {
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
            return new RestreamOptions(this, RestreamOptions.Mode.TOKEN);
        }
        if (userId == null) throw new IllegalStateException("a key needs userId(..)");
        if (publishableKey != null) {
            if (origin == null) throw new IllegalStateException("a publishable key needs origin(..): the service checks it against the key's allowlist");
            return new RestreamOptions(this, RestreamOptions.Mode.PUBLISHABLE_KEY);
        }
        if (origin != null) throw new IllegalStateException("origin(..) goes with a publishable key only");
        return new RestreamOptions(this, RestreamOptions.Mode.SECRET_KEY);
    }
}
