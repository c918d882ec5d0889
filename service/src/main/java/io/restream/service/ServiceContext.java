package io.restream.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.restream.core.config.CoreConfig;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.crypto.SecretBox;
import io.restream.core.jobs.JobStore;
import io.restream.core.net.UrlGuard;
import io.restream.core.redis.Redis;
import io.restream.core.workers.WorkerRegistry;
import io.restream.platforms.PlatformAdapters;
import io.restream.service.auth.AuthHandlers;
import io.restream.service.auth.ClientStore;
import io.restream.service.auth.SessionTokens;
import io.restream.service.auth.SigningKeys;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What route modules share: stores, guards and configuration, built once per process by
 * {@link ServiceRole}.
 *
 * @param background blocking work the API starts by itself, drained at shutdown
 * @param publicUrlRef the service's own origin; known once the HTTP port is bound
 */
public record ServiceContext(
        Vertx vertx,
        ServiceConfig config,
        CoreConfig core,
        Redis redis,
        SecretBox box,
        JobStore jobs,
        ConnectionStore connections,
        ClientStore clients,
        SigningKeys signingKeys,
        SessionTokens tokens,
        AuthHandlers auth,
        UrlGuard urlGuard,
        WorkerRegistry workers,
        PlatformAdapters platforms,
        PrometheusMeterRegistry metrics,
        AtomicReference<String> publicUrlRef,
        BackgroundWork background) {

    public String publicUrl() {
        return publicUrlRef.get();
    }
}
