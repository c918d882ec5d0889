package io.restream.sim.state;

import io.restream.core.crypto.Tokens;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated platform's accounts and OAuth state: accounts created on first login, codes,
 * access tokens that expire, refresh tokens (rotated where the platform rotates them), revocation.
 * Thread-safe; the chat simulator reaches it through {@link SimState#platform}.
 */
public final class SimPlatform {
    public final String id;
    public final String clientId;
    public final String clientSecret;
    private final Map<String, SimUser> usersByLogin = new ConcurrentHashMap<>();
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    private final Map<String, SimToken> byAccess = new ConcurrentHashMap<>();
    private final Map<String, SimToken> byRefresh = new ConcurrentHashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger revocations = new AtomicInteger();
    private final AtomicInteger validations = new AtomicInteger();
    private volatile Duration accessTtl;

    SimPlatform(String id, Duration accessTtl) {
        this.id = id;
        this.clientId = "sim-" + id + "-client";
        this.clientSecret = "sim-" + id + "-secret";
        this.accessTtl = accessTtl;
    }

    /** The account with this login, created on first use with a stable id. */
    public SimUser user(String login) {
        return usersByLogin.computeIfAbsent(login, l -> {
            long n = Math.abs((long) (id + ":" + l).hashCode()) % 1_000_000_000L + 10_000_000L;
            String userId = id.equals("youtube") ? "UC" + Tokens.sha256Hex(l).substring(0, 22) : Long.toString(n);
            return new SimUser(userId, l, Character.toUpperCase(l.charAt(0)) + l.substring(1));
        });
    }

    public Optional<SimUser> userById(String userId) {
        return usersByLogin.values().stream().filter(u -> u.id().equals(userId)).findFirst();
    }

    public AuthCode newCode(SimUser user, String clientId, String redirectUri, List<String> scopes, String codeChallenge) {
        String code = Tokens.random(30);
        AuthCode c = new AuthCode(code, user, clientId, redirectUri, scopes, codeChallenge, System.currentTimeMillis() + 600_000);
        codes.put(code, c);
        return c;
    }

    /** The code, removed: a code works once. */
    public Optional<AuthCode> takeCode(String code) {
        return Optional.ofNullable(code == null ? null : codes.remove(code))
                .filter(c -> c.expiresAtMs() > System.currentTimeMillis());
    }

    public SimToken issue(SimUser user, String clientId, List<String> scopes, boolean withRefresh) {
        return issue(user, clientId, scopes, withRefresh ? id + "-rt-" + Tokens.random(32) : null, accessTtl);
    }

    public SimToken issue(SimUser user, String clientId, List<String> scopes, String refresh, Duration ttl) {
        SimToken t = new SimToken(id + "-at-" + Tokens.random(32), refresh, user, clientId, scopes,
                System.currentTimeMillis() + ttl.toMillis());
        byAccess.put(t.access, t);
        if (refresh != null) byRefresh.put(refresh, t);
        return t;
    }

    /**
     * A new access token for a refresh token; with {@code rotate} the refresh token is replaced and
     * the old one stops working (as Twitch and Kick may do). Empty when the refresh token is
     * unknown, revoked or of another client.
     */
    public Optional<SimToken> refresh(String refreshToken, String clientId, boolean rotate) {
        SimToken old = refreshToken == null ? null : byRefresh.get(refreshToken);
        if (old == null || old.revoked || !old.clientId.equals(clientId)) return Optional.empty();
        String nextRefresh = refreshToken;
        if (rotate) {
            byRefresh.remove(refreshToken);
            nextRefresh = id + "-rt-" + Tokens.random(32);
        }
        refreshes.incrementAndGet();
        return Optional.of(issue(old.user, clientId, old.scopes, nextRefresh, accessTtl));
    }

    /** The live token behind a bearer value, if it is known, unexpired and not revoked. */
    public Optional<SimToken> authenticate(String accessToken) {
        SimToken t = accessToken == null ? null : byAccess.get(accessToken);
        return t != null && t.usable(System.currentTimeMillis()) ? Optional.of(t) : Optional.empty();
    }

    /** Known token (expired or not), for validate/introspection answers. */
    public Optional<SimToken> lookup(String accessToken) {
        return Optional.ofNullable(accessToken == null ? null : byAccess.get(accessToken));
    }

    /** Revokes one token (access or refresh) and every token sharing its grant; true when known. */
    public boolean revoke(String token) {
        SimToken t = token == null ? null : byAccess.getOrDefault(token, byRefresh.get(token));
        if (t == null) return false;
        revokeUser(t.user, t.clientId);
        return true;
    }

    /** Revokes every token this user granted to this client. */
    public void revokeUser(SimUser user, String clientId) {
        revocations.incrementAndGet();
        byAccess.values().stream().filter(t -> t.user.equals(user) && t.clientId.equals(clientId)).forEach(t -> t.revoked = true);
    }

    /** Revokes every token of the platform (the control API's fault injection). */
    public int revokeAll() {
        int n = 0;
        for (SimToken t : byAccess.values()) {
            if (!t.revoked) n++;
            t.revoked = true;
        }
        return n;
    }

    /** Expires every access token now; refresh tokens keep working. */
    public int expireAll() {
        int n = 0;
        for (SimToken t : List.copyOf(byAccess.values())) {
            if (t.usable(System.currentTimeMillis())) {
                n++;
                SimToken expired = new SimToken(t.access, t.refresh, t.user, t.clientId, t.scopes, 0);
                byAccess.put(t.access, expired);
                if (t.refresh != null) byRefresh.replace(t.refresh, t, expired);
            }
        }
        return n;
    }

    public void accessTtl(Duration ttl) { this.accessTtl = ttl; }
    public Duration accessTtl() { return accessTtl; }
    public int refreshes() { return refreshes.get(); }
    public int revocations() { return revocations.get(); }
    public int validations() { return validations.get(); }
    public void validated() { validations.incrementAndGet(); }

    /** Scopes as sent on the authorize URL (space separated; Facebook separates with commas). */
    public static List<String> scopes(String raw) {
        if (raw == null || raw.isBlank()) return List.of();
        return Arrays.stream(raw.split("[ ,+]")).filter(s -> !s.isBlank()).toList();
    }
}
