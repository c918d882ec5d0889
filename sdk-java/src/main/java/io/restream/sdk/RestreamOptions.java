package io.restream.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Immutable options of a {@link RestreamStudio}: where the API is and how to authenticate. Build
 * with {@link #builder(URI)}; exactly one credential is required.
 */
public final class RestreamOptions {
    /** How long one request may take before it fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Pause before the event stream reconnects after it drops. */
    public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(2);

    private final URI baseUrl;
    private final Duration timeout;
    private final Duration reconnectDelay;
    private final Supplier<String> sessionToken;
    private final String secretKey;
    private final String userId;

    private RestreamOptions(Builder b) {
        this.baseUrl = b.baseUrl;
        this.timeout = b.timeout;
        this.reconnectDelay = b.reconnectDelay;
        this.sessionToken = b.sessionToken;
        this.secretKey = b.secretKey;
        this.userId = b.userId;
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    public URI baseUrl() { return baseUrl; }
    public Duration timeout() { return timeout; }
    public Duration reconnectDelay() { return reconnectDelay; }

    /** The session token to send now, or null when a secret key is used. */
    String sessionToken() { return sessionToken == null ? null : sessionToken.get(); }
    String secretKey() { return secretKey; }
    String userId() { return userId; }

    @Override
    public String toString() {
        return "RestreamOptions[" + baseUrl + ", " + (secretKey != null ? "secret key for " + userId : "session token") + "]";
    }

    /** Builds {@link RestreamOptions}. */
    public static final class Builder {
        private final URI baseUrl;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;
        private Supplier<String> sessionToken;
        private String secretKey;
        private String userId;

        private Builder(URI baseUrl) {
            String s = Objects.requireNonNull(baseUrl, "baseUrl").toString();
            this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        }

        /** Act with a short-lived session token (minted by your backend); asked for at every request. */
        public Builder sessionToken(Supplier<String> token) {
            this.sessionToken = Objects.requireNonNull(token);
            return this;
        }

        /** Act as a backend with its secret key, for one user. Never ship a secret key to a client device. */
        public Builder secretKey(String secretKey, String userId) {
            this.secretKey = Objects.requireNonNull(secretKey);
            this.userId = Objects.requireNonNull(userId);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder reconnectDelay(Duration delay) {
            this.reconnectDelay = Objects.requireNonNull(delay);
            return this;
        }

        public RestreamOptions build() {
            if ((sessionToken == null) == (secretKey == null)) {
                throw new IllegalStateException("set exactly one credential: sessionToken(..) or secretKey(..)");
            }
            return new RestreamOptions(this);
        }
    }
}
