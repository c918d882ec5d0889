package io.restream.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
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
 * {@link ServiceRole} with {@link #builder()}: give the process's own parts (Vert.x, configuration,
 * Redis, secret box, platform adapters, auth handlers); every store and guard not given is built from
 * them. A new component is one more record component, one builder setter and its default.
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

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the components; {@link #build()} derives the ones not set. */
    public static final class Builder {
        private Vertx vertx;
        private ServiceConfig config;
        private CoreConfig core;
        private Redis redis;
        private SecretBox box;
        private JobStore jobs;
        private ConnectionStore connections;
        private ClientStore clients;
        private SigningKeys signingKeys;
        private SessionTokens tokens;
        private AuthHandlers auth;
        private UrlGuard urlGuard;
        private WorkerRegistry workers;
        private PlatformAdapters platforms;
        private PrometheusMeterRegistry metrics;
        private AtomicReference<String> publicUrlRef;
        private BackgroundWork background;

        private Builder() {}

        public Builder vertx(Vertx v) { this.vertx = v; return this; }
        public Builder config(ServiceConfig v) { this.config = v; return this; }
        public Builder core(CoreConfig v) { this.core = v; return this; }
        public Builder redis(Redis v) { this.redis = v; return this; }
        public Builder box(SecretBox v) { this.box = v; return this; }
        public Builder jobs(JobStore v) { this.jobs = v; return this; }
        public Builder connections(ConnectionStore v) { this.connections = v; return this; }
        public Builder clients(ClientStore v) { this.clients = v; return this; }
        public Builder signingKeys(SigningKeys v) { this.signingKeys = v; return this; }
        public Builder tokens(SessionTokens v) { this.tokens = v; return this; }
        public Builder auth(AuthHandlers v) { this.auth = v; return this; }
        public Builder urlGuard(UrlGuard v) { this.urlGuard = v; return this; }
        public Builder workers(WorkerRegistry v) { this.workers = v; return this; }
        public Builder platforms(PlatformAdapters v) { this.platforms = v; return this; }
        public Builder metrics(PrometheusMeterRegistry v) { this.metrics = v; return this; }
        public Builder publicUrlRef(AtomicReference<String> v) { this.publicUrlRef = v; return this; }
        public Builder background(BackgroundWork v) { this.background = v; return this; }

        /** The stores the auth handlers need, built here when not given, so that they can be shared. */
        public ClientStore clients() {
            if (clients == null) clients = new ClientStore(need(redis, "redis"));
            return clients;
        }

        public SessionTokens tokens() {
            if (signingKeys == null) signingKeys = new SigningKeys(need(redis, "redis"), need(box, "box"));
            if (tokens == null) tokens = new SessionTokens(signingKeys, clients().revokedKeys());
            return tokens;
        }

        public ServiceContext build() {
            need(vertx, "vertx");
            need(config, "config");
            need(core, "core");
            need(redis, "redis");
            need(box, "box");
            need(auth, "auth");
            SessionTokens sessionTokens = tokens(); // sets signingKeys too: one pair shared
            return new ServiceContext(vertx, config, core, redis, box,
                    jobs != null ? jobs : new JobStore(redis),
                    connections != null ? connections : new ConnectionStore(redis, box),
                    clients(), signingKeys, sessionTokens, auth,
                    urlGuard != null ? urlGuard : new UrlGuard(core.allowPrivateUrls(), core.urlAllowlist()),
                    workers != null ? workers : new WorkerRegistry(redis),
                    platforms != null ? platforms : PlatformAdapters.pastedOnly(),
                    metrics != null ? metrics : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    publicUrlRef != null ? publicUrlRef : new AtomicReference<>(config.publicUrl().orElse(null)),
                    background != null ? background : new BackgroundWork(vertx));
        }

        private static <T> T need(T value, String name) {
            if (value == null) throw new IllegalStateException("ServiceContext needs " + name);
            return value;
        }
    }
}
