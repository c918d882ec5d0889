package io.restream.service.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Adapts asynchronous handlers so that every failure, thrown or completed, reaches the error handler. */
public final class Handlers {
    private Handlers() {}

    public static Handler<RoutingContext> async(Function<RoutingContext, Future<?>> handler) {
        return ctx -> {
            try {
                handler.apply(ctx).onFailure(ctx::fail);
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        };
    }

    /** A Lettuce (or any) completion stage as a Vert.x future on the request's context. */
    public static <T> Future<T> await(RoutingContext ctx, CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext());
    }
}
