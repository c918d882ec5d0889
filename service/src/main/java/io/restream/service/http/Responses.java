package io.restream.service.http;

import io.restream.core.json.Json;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON responses with the project's one mapper. */
public final class Responses {
    private Responses() {}

    public static Future<Void> json(RoutingContext ctx, int status, Object body) {
        return ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Json.write(body));
    }

    public static Future<Void> noContent(RoutingContext ctx) {
        return ctx.response().setStatusCode(204).end();
    }
}
