package io.restream.platforms.support;

import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.connections.StoredConnection;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.platforms.port.OAuthProvider;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.TokenGrant;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps connections' platform tokens usable: refreshes an access token that expires within the
 * margin (saving a rotated refresh token), validates tokens as often as the platform asks (Twitch:
 * hourly), retries a call once with a new token when the platform answers 401, and when the
 * platform refuses to renew marks the connection {@code needsReconnect} and throws
 * {@code needs_reconnect}. Blocking; one refresh at a time per connection in this process.
 */
public final class TokenKeeper {
    private static final Logger log = LoggerFactory.getLogger(TokenKeeper.class);
    static final String VALIDATED_AT = "validatedAt";
    /** How long to wait for another process's renewal to be saved, per look. */
    static final long RENEWAL_WAIT_MS = 300;

    /** A platform call made with a connection's current token. */
    @FunctionalInterface
    public interface Call<T> {
        T apply(StoredConnection connection) throws PlatformException;
    }

    private final ConnectionStore store;
    private final Map<Platform, OAuthProvider> providers;
    private final Duration margin;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public TokenKeeper(ConnectionStore store, Map<Platform, OAuthProvider> providers, Duration margin) {
        this.store = store;
        this.providers = Map.copyOf(providers);
        this.margin = margin;
    }

    /**
     * Runs {@code call} with a fresh token; when the platform answers {@code needs_reconnect} (401)
     * the token is refreshed once and the call repeated.
     */
    public <T> T call(UserRef user, StoredConnection connection, Call<T> call) throws PlatformException {
        StoredConnection current = fresh(user, connection);
        try {
            return call.apply(current);
        } catch (PlatformException e) {
            if (!"needs_reconnect".equals(e.code())) throw e;
            log.info("{} refused the access token of connection {} of {}: refreshing", current.connection().platform().id(),
                    current.connection().id(), user.userId());
            StoredConnection renewed = refresh(user, current);
            try {
                return call.apply(renewed);
            } catch (PlatformException again) {
                if ("needs_reconnect".equals(again.code())) markNeedsReconnect(user, renewed);
                throw again;
            }
        }
    }

    /** The connection with a token that is not about to expire and was validated when due. */
    public StoredConnection fresh(UserRef user, StoredConnection c) throws PlatformException {
        OAuthProvider provider = provider(c);
        ConnectionSecrets s = c.secrets();
        long now = System.currentTimeMillis();
        if (s.accessToken() == null) throw needsReconnect(user, c, "has no access token");
        if (s.accessExpiresAt() != null && s.accessExpiresAt() - margin.toMillis() <= now) return refresh(user, c);
        Optional<Duration> every = provider.validationInterval();
        if (every.isPresent()) {
            long validatedAt = Long.parseLong(s.extra().getOrDefault(VALIDATED_AT, "0"));
            if (now - validatedAt >= every.get().toMillis()) {
                if (!provider.validate(s.accessToken())) return refresh(user, c);
                ConnectionSecrets stamped = new TokenGrant(s.accessToken(), s.refreshToken(), s.accessExpiresAt(), s.scopes())
                        .applyTo(s, Map.of(VALIDATED_AT, Long.toString(now)));
                save(user, c, stamped);
                return new StoredConnection(c.connection(), stamped);
            }
        }
        return c;
    }

    /** Refreshes now; on refusal marks the connection and throws {@code needs_reconnect}. */
    public StoredConnection refresh(UserRef user, StoredConnection c) throws PlatformException {
        OAuthProvider provider = provider(c);
        synchronized (locks.computeIfAbsent(user.tag() + c.connection().id(), k -> new Object())) {
            // Another caller may have refreshed meanwhile (with rotating refresh tokens, ours is then spent).
            StoredConnection latest = reload(user, c);
            if (!sameAccess(latest, c) && latest.secrets().accessExpiresAt() != null
                    && latest.secrets().accessExpiresAt() - margin.toMillis() > System.currentTimeMillis()) {
                return latest;
            }
            TokenGrant grant;
            try {
                grant = provider.refresh(latest.secrets());
            } catch (PlatformException e) {
                if (!"needs_reconnect".equals(e.code())) throw e;
                Optional<StoredConnection> renewedElsewhere = renewedElsewhere(user, latest);
                if (renewedElsewhere.isPresent()) return renewedElsewhere.get();
                throw needsReconnect(user, latest, "was refused a new access token");
            }
            ConnectionSecrets renewed = grant.applyTo(latest.secrets(), Map.of(VALIDATED_AT, Long.toString(System.currentTimeMillis())));
            save(user, latest, renewed);
            log.info("refreshed the {} access token of connection {} of {}", provider.platform().id(), c.connection().id(), user.userId());
            return new StoredConnection(latest.connection().withNeedsReconnect(false), renewed);
        }
    }

    /** Stores platform values beside the tokens (e.g. YouTube's reusable stream id); returns the updated connection. */
    public StoredConnection saveExtra(UserRef user, StoredConnection c, Map<String, String> values) throws PlatformException {
        StoredConnection latest = reload(user, c);
        ConnectionSecrets s = latest.secrets();
        ConnectionSecrets updated = new TokenGrant(s.accessToken(), s.refreshToken(), s.accessExpiresAt(), s.scopes()).applyTo(s, values);
        save(user, latest, updated);
        return new StoredConnection(latest.connection(), updated);
    }

    /**
     * Another process (a worker, the chat role) may have spent our refresh token on a rotating
     * platform a moment ago: its saved result counts, and a refusal then is no reason to reconnect.
     */
    private Optional<StoredConnection> renewedElsewhere(UserRef user, StoredConnection tried) {
        for (int attempt = 0; attempt < 3; attempt++) {
            StoredConnection now = reload(user, tried);
            if (!java.util.Objects.equals(now.secrets().refreshToken(), tried.secrets().refreshToken())
                    || !java.util.Objects.equals(now.secrets().accessToken(), tried.secrets().accessToken())) {
                log.info("connection {} of {} was renewed by another process meanwhile: using its tokens", tried.connection().id(), user.userId());
                return Optional.of(now);
            }
            try {
                Thread.sleep(RENEWAL_WAIT_MS); // the other process may not have saved yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private PlatformException needsReconnect(UserRef user, StoredConnection c, String why) {
        markNeedsReconnect(user, c);
        String p = c.connection().platform().id();
        log.warn("connection {} of {} {}: marked needsReconnect", c.connection().id(), user.userId(), why);
        return new PlatformException("needs_reconnect", p + " " + why + ": reconnect " + p + " to go live there");
    }

    private void markNeedsReconnect(UserRef user, StoredConnection c) {
        try {
            store.markNeedsReconnect(user, c.connection().id(), true).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("could not mark connection {} of {} as needing reconnect: {}", c.connection().id(), user.userId(), e.getClass().getSimpleName());
        }
    }

    private void save(UserRef user, StoredConnection c, ConnectionSecrets secrets) throws PlatformException {
        try {
            store.updateSecrets(user, c.connection().withNeedsReconnect(false), secrets).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new PlatformException("unavailable", "the renewed token could not be saved (" + e.getClass().getSimpleName() + ")");
        }
    }

    private StoredConnection reload(UserRef user, StoredConnection c) {
        try {
            return store.get(user, c.connection().id()).toCompletableFuture().get(10, TimeUnit.SECONDS).orElse(c);
        } catch (Exception e) {
            return c;
        }
    }

    private static boolean sameAccess(StoredConnection a, StoredConnection b) {
        return java.util.Objects.equals(a.secrets().accessToken(), b.secrets().accessToken());
    }

    private OAuthProvider provider(StoredConnection c) throws PlatformException {
        OAuthProvider p = providers.get(c.connection().platform());
        if (p == null) throw new PlatformException("platform_disabled", c.connection().platform().id() + " is not configured");
        return p;
    }
}
