package io.restream.sim.state;

import java.util.List;

/**
 * An authorization code handed to the app's redirect URI; single use.
 *
 * @param codeChallenge the PKCE S256 challenge sent to the authorize endpoint, or null
 */
public record AuthCode(String code, SimUser user, String clientId, String redirectUri, List<String> scopes,
                       String codeChallenge, long expiresAtMs) {}
