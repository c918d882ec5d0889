package io.restream.sim.state;

import java.util.List;

/** One access token the simulator issued, with the refresh token issued beside it (may be null). */
public final class SimToken {
    public final String access;
    public final String refresh;
    public final SimUser user;
    public final String clientId;
    public final List<String> scopes;
    public final long expiresAtMs;
    volatile boolean revoked;

    SimToken(String access, String refresh, SimUser user, String clientId, List<String> scopes, long expiresAtMs) {
        this.access = access;
        this.refresh = refresh;
        this.user = user;
        this.clientId = clientId;
        this.scopes = List.copyOf(scopes);
        this.expiresAtMs = expiresAtMs;
    }

    public boolean usable(long nowMs) {
        return !revoked && nowMs < expiresAtMs;
    }

    public long expiresInSeconds(long nowMs) {
        return Math.max(0, (expiresAtMs - nowMs) / 1000);
    }

    @Override
    public String toString() {
        return "SimToken[" + user.login() + "]";
    }
}
