package io.restream.service.auth;

import io.restream.core.model.Scope;
import io.restream.core.model.UserRef;
import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param clientId null for the operator
 * @param userId null when the credential names no user (admin, secret key alone)
 * @param credentialId what the rate limit counts against: the key id, or the token's user
 */
public record Principal(Kind kind, String clientId, String userId, Set<Scope> scopes, String credentialId) {
    public enum Kind { ADMIN, SECRET_KEY, PUBLISHABLE_KEY, SESSION_TOKEN }

    public static final String CONTEXT_KEY = "principal";

    public UserRef user() {
        return new UserRef(clientId, userId);
    }
}
