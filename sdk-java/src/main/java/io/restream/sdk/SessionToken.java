package io.restream.sdk;

import java.util.Objects;

/**
 * A short-lived session token and its lifetime, as the integrator's backend hands it out (what
 * {@code POST /api/v1/auth/session} answers: {@code { token, expiresIn }}). Returned by the
 * {@link RestreamOptionsBuilder#tokenSupplier token supplier}; the studio caches it and asks for a
 * new one before it expires.
 *
 * @param token the bearer token (a JWT)
 * @param expiresInSeconds how long the token is valid from the moment it is returned
 */
public record SessionToken(String token, long expiresInSeconds) {
    public SessionToken {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) throw new IllegalArgumentException("token must not be blank");
        if (expiresInSeconds <= 0) throw new IllegalArgumentException("expiresInSeconds must be positive");
    }

    /** Never prints the token itself. */
    @Override
    public String toString() {
        return "SessionToken[redacted, expiresInSeconds=" + expiresInSeconds + "]";
    }
}
