package io.restream.service.oauth;

import io.restream.core.connections.StoredConnection;
import io.restream.service.ServiceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Revokes a removed connection's platform grant where the platform offers revocation, off the event loop. */
public final class Revocation {
    private static final Logger log = LoggerFactory.getLogger(Revocation.class);

    private Revocation() {}

    /** Best effort, in the background: the connection is already gone on our side. */
    public static void revokeInBackground(ServiceContext ctx, StoredConnection removed) {
        ctx.platforms().oauthProvider(removed.connection().platform()).ifPresent(provider ->
                ctx.background().run(() -> {
                    provider.revoke(removed.secrets());
                    return null;
                }).onFailure(e -> log.warn("revoking the {} grant failed: {}", provider.platform().id(), e.getClass().getSimpleName())));
    }
}
