package io.restream.service.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One sign-in in progress, kept in Redis while the user is away at the platform.
 *
 * @param openerOrigin where the result page posts its message (null with a returnUrl)
 * @param returnUrl a native app's loopback URL the result redirects to (null for a browser opener)
 * @param expiresAt epoch ms; ten minutes after {@code authorize}
 * @param sealedVerifier the PKCE verifier, encrypted (null before {@code start} or without PKCE)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OAuthAttempt(String clientId, String userId, String platform, String openerOrigin, String returnUrl, long expiresAt,
                    String redirectUri, String sealedVerifier) {

    OAuthAttempt started(String redirectUri, String sealedVerifier) {
        return new OAuthAttempt(clientId, userId, platform, openerOrigin, returnUrl, expiresAt, redirectUri, sealedVerifier);
    }

    @Override
    public String toString() {
        return "OAuthAttempt[" + platform + " for " + userId + "]";
    }
}
