package io.restream.service;

import io.restream.core.config.CoreConfig;
import io.restream.core.crypto.SecretBox;
import io.restream.core.redis.Redis;
import io.restream.platforms.PlatformAdapters;
import io.restream.service.admin.AdminRoutes;
import io.restream.service.auth.AuthHandlers;
import io.restream.service.auth.Authenticator;
import io.restream.service.auth.RateLimiter;
import io.restream.service.auth.SessionRoutes;
import io.restream.service.connections.ConnectionRoutes;
import io.restream.service.http.ApiVerticle;
import io.restream.service.http.RouteModule;
import io.restream.service.jobs.JobRoutes;
import io.restream.service.jobs.RecordingRoutes;
import io.restream.service.ops.OpsRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API role: builds the shared context, deploys the HTTP verticles, and stops them. */
public final class ServiceRole implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceRole.class);

    private final ServiceContext ctx;
    private final boolean ownsVertx;
    private final io.restream.service.hooks.WebhookDispatcher webhooks;
    private int port;

    public ServiceRole(ServiceConfig config, CoreConfig core, Redis redis, SecretBox box, PlatformAdapters platforms, Vertx vertx) {
        this.ownsVertx = vertx == null;
        Vertx vx = vertx != null ? vertx : Vertx.vertx();
        ServiceContext.Builder b = ServiceContext.builder().vertx(vx).config(config).core(core).redis(redis).box(box).platforms(platforms);
        RateLimiter limiter = new RateLimiter(redis, new RateLimiter.Limit(config.rateBurst(), config.ratePerSecond()),
                new RateLimiter.Limit(config.authFailBurst(), config.authFailPerMinute() / 60.0));
        this.ctx = b.auth(new AuthHandlers(new Authenticator(config.adminToken(), b.clients(), b.tokens(), new io.restream.service.auth.EventTickets(redis)), limiter)).build();
        this.webhooks = io.restream.service.hooks.WebhookDispatcher.create(vx, redis, box, ctx.urlGuard(),
                io.restream.service.hooks.WebhookRoutes.schemes(ctx));
    }

    /** The route table: every module of the API, in one place. */
    public static List<RouteModule> routes(ServiceContext ctx) {
        return List.of(
                new OpsRoutes(ctx),
                new SessionRoutes(ctx),
                new AdminRoutes(ctx),
                new io.restream.service.hooks.WebhookRoutes(ctx),
                new io.restream.service.admin.AdminPage(),
                new ConnectionRoutes(ctx),
                new io.restream.service.oauth.OAuthRoutes(ctx),
                new JobRoutes(ctx),
                new io.restream.service.jobs.LiveEditRoutes(ctx),
                new RecordingRoutes(ctx),
                new io.restream.service.chat.ChatRoutes(ctx),
                new io.restream.service.chat.ViewerRoutes(ctx),
                new io.restream.service.events.EventRoutes(ctx),
                new io.restream.service.webhooks.KickWebhookRoutes(ctx));
    }

    /** Starts serving; returns the bound port (useful with port 0). */
    public int start() {
        try {
            ctx.signingKeys().ensureOne(System.currentTimeMillis()).toCompletableFuture().get(30, TimeUnit.SECONDS);
            ctx.jobs().ensureQueue().toCompletableFuture().get(30, TimeUnit.SECONDS);
            // Port 0: one free port is chosen here and shared by every verticle; with 0 each would
            // bind a random port of its own (unannounced, and seen by nobody).
            int listen = ctx.config().httpPort() == 0 ? freePort(ctx.config().bindHost()) : ctx.config().httpPort();
            ApiVerticle first = new ApiVerticle(ctx, ServiceRole::routes, listen);
            await(ctx.vertx().deployVerticle(first));
            port = first.actualPort();
            for (int i = 1; i < ctx.config().verticles(); i++) {
                await(ctx.vertx().deployVerticle(new ApiVerticle(ctx, ServiceRole::routes, listen)));
            }
            if (ctx.publicUrlRef().get() == null) ctx.publicUrlRef().set("http://localhost:" + port);
            io.restream.service.oauth.TokenSweep.start(ctx);
            webhooks.start();
            log.info("API listening on {}:{} ({} event-loop verticles), public URL {}", ctx.config().bindHost(), port, ctx.config().verticles(), ctx.publicUrl());
            if (ctx.config().loopbackOnly()) {
                log.info("a sandbox that was not asked for (simulated platforms: no RESTREAM_SANDBOX, no platform credentials) is listening on loopback only; "
                        + "set RESTREAM_SANDBOX=true to expose it");
            }
            return port;
        } catch (Exception e) {
            throw new IllegalStateException("the API could not start: " + e.getMessage(), e);
        }
    }

    public int port() { return port; }

    private static int freePort(String host) throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    public ServiceContext context() { return ctx; }

    @Override
    public void close() {
        webhooks.close();
        ctx.background().drain(10_000);
        if (ownsVertx) {
            try {
                await(ctx.vertx().close());
            } catch (Exception e) {
                log.warn("Vert.x did not close cleanly: {}", e.getMessage());
            }
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
    }
}
