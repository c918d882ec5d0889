package io.restream.service.ops;

import io.restream.core.error.ApiException;
import io.restream.core.model.Platform;
import io.restream.service.ServiceContext;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /healthz}, {@code /readyz}, {@code /metrics}, the OpenAPI document, JWKS and the platform list. */
public final class OpsRoutes implements RouteModule {
    /** In the data dir, written by the sandbox launcher: the demo client's publishable key for the Studio page. */
    public static final String DEMO_CONFIG_FILE = "sandbox-demo.json";
    /** The user the Studio page acts for (a page may pick another with {@code ?user=}). */
    static final String DEMO_USER = "demo-user";

    private final ServiceContext ctx;
    private final Buffer openApi;

    public OpsRoutes(ServiceContext ctx) {
        this.ctx = ctx;
        this.openApi = Buffer.buffer(openApiDocument());
    }

    @Override
    public void mount(Router router) {
        router.get("/healthz").handler(this::onHealth);
        router.get("/readyz").handler(Handlers.async(this::onReady));
        router.get("/metrics").handler(this::onMetrics);
        router.get("/api/v1/openapi.json").handler(this::onOpenApi);
        router.get("/.well-known/jwks.json").handler(Handlers.async(this::onJwks));
        router.get("/api/v1/platforms").handler(ctx.auth().anyCredential()).handler(this::onPlatforms);
        // The Studio page and browser client (web-demo), packaged as classpath resources.
        if (ctx.core().sandbox()) router.get("/demo/config.json").handler(Handlers.async(this::onDemoConfig));
        router.route("/demo/*").handler(io.vertx.ext.web.handler.StaticHandler.create("restream-demo").setCachingEnabled(false));
        router.route("/samples/*").handler(io.vertx.ext.web.handler.StaticHandler.create("restream-samples")); // e.g. scoreboard.html, an htmlBanner
    }

    private void onHealth(RoutingContext rc) {
        Responses.json(rc, 200, Map.of("status", "up"));
    }

    private Future<?> onReady(RoutingContext rc) {
        return Handlers.await(rc, ctx.redis().async().ping())
                .compose(pong -> Handlers.await(rc, ctx.workers().list()))
                .recover(e -> Future.failedFuture(ApiException.unavailable("Redis is not reachable")))
                .compose(workers -> {
                    if (workers.isEmpty()) {
                        return Future.failedFuture(ApiException.unavailable("Redis is reachable but no worker is running"));
                    }
                    return Responses.json(rc, 200, Map.of("status", "ready", "redis", "ok", "workers", workers.size()));
                });
    }

    /** Sandbox only: lets a newcomer open /demo/ without typing a key or a user id. */
    private Future<?> onDemoConfig(RoutingContext rc) {
        String file = ctx.core().dataDir().resolve(DEMO_CONFIG_FILE).toString();
        return ctx.vertx().fileSystem().readFile(file)
                .recover(e -> Future.failedFuture(new ApiException(404, "not_found", "No sandbox demo client in this data dir")))
                .compose(bytes -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("apiBase", ctx.publicUrl());
                    body.put("publishableKey", bytes.toJsonObject().getString("publishableKey"));
                    body.put("userId", DEMO_USER);
                    rc.response().putHeader("Cache-Control", "no-store");
                    return Responses.json(rc, 200, body);
                });
    }

    private void onMetrics(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(ctx.metrics().scrape());
    }

    private void onOpenApi(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "application/json; charset=utf-8").end(openApi);
    }

    private Future<?> onJwks(RoutingContext rc) {
        return Handlers.await(rc, ctx.signingKeys().jwks()).compose(jwks -> Responses.json(rc, 200, jwks));
    }

    private void onPlatforms(RoutingContext rc) {
        Responses.json(rc, 200, Arrays.stream(Platform.values()).map(p -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("platform", p.id());
            row.put("enabled", ctx.platforms().enabled(p));
            row.put("oauth", p.oauth());
            row.put("chat", p.chat());
            row.put("viewers", p.viewers());
            return row;
        }).toList());
    }

    /** The OpenAPI document kept beside the router (a test checks that every route is in it). */
    public static byte[] openApiDocument() {
        try (InputStream in = OpsRoutes.class.getResourceAsStream("/io/restream/service/openapi.json")) {
            if (in == null) throw new IllegalStateException("openapi.json missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
