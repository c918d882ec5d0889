package io.restream.service.http;

import io.restream.service.ServiceContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Function;

/**
 * Serves the API: common handlers (metrics, CORS, 64 KiB body limit), then every route module,
 * then the one error handler. Several instances share the port, one per event loop.
 */
public final class ApiVerticle extends VerticleBase {
    /** Bodies above this are refused with {@code 413 body_too_large}. */
    public static final long BODY_LIMIT_BYTES = 64 * 1024;

    private final ServiceContext ctx;
    private final Function<ServiceContext, List<RouteModule>> modules;
    private final int port;
    private HttpServer server;

    public ApiVerticle(ServiceContext ctx, Function<ServiceContext, List<RouteModule>> modules, int port) {
        this.ctx = ctx;
        this.modules = modules;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        Router router = router(vertx, ctx, modules.apply(ctx));
        server = vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost(ctx.config().bindHost())
                .setMaxInitialLineLength(8192).setMaxHeaderSize(16384).setCompressionSupported(false));
        return server.requestHandler(req -> {
            if (!RequestTarget.rejected(req)) router.handle(req);
        }).listen();
    }

    public int actualPort() {
        return server.actualPort();
    }

    /**
     * The API takes JSON only. Vert.x decodes form and multipart bodies by itself (and fails with a
     * 500 on a GET or OPTIONS that carries one), so such a content type is dropped: the body stays
     * raw bytes and a JSON route answers {@code 400 invalid_json}.
     */
    private static void rawBodiesOnly(io.vertx.ext.web.RoutingContext rc) {
        String type = rc.request().getHeader("Content-Type");
        if (type != null) {
            String t = type.trim().toLowerCase(java.util.Locale.ROOT);
            if (t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/")) {
                rc.request().headers().remove("Content-Type");
            }
        }
        rc.next();
    }

    public static Router router(io.vertx.core.Vertx vertx, ServiceContext ctx, List<RouteModule> modules) {
        Router router = Router.router(vertx);
        ErrorHandler errors = new ErrorHandler();
        RequestMetrics metrics = new RequestMetrics(ctx.metrics());
        router.route().handler(metrics);
        router.route().handler(ApiVerticle::rawBodiesOnly);
        // The body handler must come before anything asynchronous, or the body is gone.
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES).setHandleFileUploads(false));
        router.route().handler(new Cors(ctx.clients()));
        modules.forEach(m -> m.mount(router));
        metrics.knownRoutes(router.getRoutes().stream().map(r -> r.getPath()).filter(java.util.Objects::nonNull).toList());
        router.route().failureHandler(errors);
        router.errorHandler(404, errors);
        router.errorHandler(405, errors);
        router.errorHandler(413, errors);
        router.errorHandler(400, errors);
        router.errorHandler(500, errors);
        return router;
    }
}
