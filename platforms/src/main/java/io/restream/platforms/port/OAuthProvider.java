package io.restream.platforms.port;

import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.model.Platform;
import java.time.Duration;
import java.util.Optional;

/**
 * The sign-in port of an OAuth platform: the consent URL (with PKCE where the platform takes it),
 * the code exchange, who signed in, refresh, validation and revocation. Implementations block on
 * HTTP: call them off the event loop. Messages of thrown exceptions never carry tokens.
 */
public interface OAuthProvider {
    Platform platform();

    /** The platform's consent URL for this {@code state}; keep the PKCE verifier (if any) until the callback. */
    AuthorizationRequest authorize(String state, String redirectUri);

    /**
     * Exchanges the authorization code for tokens (for Facebook, then for a long-lived token).
     *
     * @param codeVerifier the PKCE verifier of {@link #authorize}, or null
     * @throws PlatformException {@code token_exchange_failed} when the platform refuses
     */
    TokenGrant exchange(String code, String codeVerifier, String redirectUri) throws PlatformException;

    /** Who signed in, with what the broadcast set-up needs later (e.g. Kick's channel slug). */
    PlatformIdentity identify(String accessToken) throws PlatformException;

    /**
     * New tokens for the stored ones. Keeps the old refresh token when the platform returns none.
     *
     * @throws PlatformException {@code needs_reconnect} when the platform refuses (revoked,
     *     expired grant), {@code platform_unreachable} when it could not be asked
     */
    TokenGrant refresh(ConnectionSecrets secrets) throws PlatformException;

    /** How often stored tokens must be validated (Twitch: hourly), or empty when not required. */
    default Optional<Duration> validationInterval() {
        return Optional.empty();
    }

    /** True when the platform still accepts the token; only asked when {@link #validationInterval} is set. */
    default boolean validate(String accessToken) throws PlatformException {
        return true;
    }

    /** Revokes the grant where the platform offers revocation; best effort, never throws. */
    void revoke(ConnectionSecrets secrets);
}
