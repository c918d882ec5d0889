package io.restream.service.http;

import io.restream.core.error.ApiException;
import io.restream.service.auth.ClientStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS exactly as docs/API.md §1: an origin on some publishable key's allowlist is echoed back
 * ({@code Access-Control-Allow-Origin: <origin>}, never {@code *}) with {@code Vary: Origin};
 * preflights from other origins are refused.
 */
public final class Cors implements Handler<RoutingContext> {
    static final String ALLOW_HEADERS = "Authorization, Content-Type, X-Publishable-Key, X-User-Id, Last-Event-ID";
    static final String ALLOW_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";

    private final ClientStore clients;

    public Cors(ClientStore clients) {
        this.clients = clients;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Vary", "Origin");
        String origin = ctx.request().getHeader("Origin");
        boolean preflight = ctx.request().method() == HttpMethod.OPTIONS
                && ctx.request().getHeader("Access-Control-Request-Method") != null;
        if (origin == null) {
            if (preflight) ctx.fail(new ApiException(403, "origin_not_allowed", "Preflight without an Origin"));
            else ctx.next();
            return;
        }
        Future.fromCompletionStage(clients.originKnown(origin), ctx.vertx().getOrCreateContext()).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            if (ar.result()) {
                ctx.response().putHeader("Access-Control-Allow-Origin", origin)
                        .putHeader("Access-Control-Expose-Headers", "Retry-After");
                if (preflight) {
                    ctx.response().setStatusCode(204)
                            .putHeader("Access-Control-Allow-Methods", ALLOW_METHODS)
                            .putHeader("Access-Control-Allow-Headers", ALLOW_HEADERS)
                            .putHeader("Access-Control-Max-Age", "600")
                            .end();
                    return;
                }
            } else if (preflight) {
                ctx.fail(new ApiException(403, "origin_not_allowed", "Origin " + origin + " is not allowed"));
                return;
            }
            ctx.next();
        });
    }
}
