package io.restream.platforms.port;

/**
 * Where to send the user, and the PKCE verifier to present with the code (null without PKCE).
 */
public record AuthorizationRequest(String url, String codeVerifier) {
    @Override
    public String toString() {
        return "AuthorizationRequest[redacted]";
    }
}
