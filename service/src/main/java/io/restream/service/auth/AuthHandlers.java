package io.restream.service.auth;

import io.restream.core.error.ApiException;
import io.restream.core.model.Scope;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Route guards: {@code router.post("/jobs").handler(auth.user(RESTREAM)).handler(jobs::goLive)}.
 * Each resolves the principal, checks the scope and the rate limit, and puts the principal in
 * the routing context under {@link Principal#CONTEXT_KEY}.
 */
public final class AuthHandlers {
    private final Authenticator authenticator;
    private final RateLimiter limiter;

    public AuthHandlers(Authenticator authenticator, RateLimiter limiter) {
        this.authenticator = authenticator;
        this.limiter = limiter;
    }

    public Handler<RoutingContext> admin() {
        return guard(authenticator::admin, null);
    }

    public Handler<RoutingContext> secretKey() {
        return guard(authenticator::secretKey, null);
    }

    public Handler<RoutingContext> user(Scope scope) {
        return guard(ctx -> authenticator.user(ctx, false), scope);
    }

    /** Like {@link #user} but also reads {@code ?token=} or {@code ?publishableKey=&userId=} (SSE only). */
    public Handler<RoutingContext> userAllowingQuery(Scope scope) {
        return guard(ctx -> authenticator.user(ctx, true), scope);
    }

    public Handler<RoutingContext> anyCredential() {
        return guard(authenticator::any, null);
    }

    public static Principal principal(RoutingContext ctx) {
        return ctx.get(Principal.CONTEXT_KEY);
    }

    private Handler<RoutingContext> guard(Function<RoutingContext, CompletionStage<Principal>> resolve, Scope scope) {
        return ctx -> {
            CompletionStage<Principal> stage;
            try {
                stage = resolve.apply(ctx);
            } catch (RuntimeException e) {
                stage = java.util.concurrent.CompletableFuture.failedFuture(e);
            }
            Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext()).onComplete(ar -> {
                if (ar.failed()) {
                    refuse(ctx, ar.cause());
                    return;
                }
                Principal p = ar.result();
                if (scope != null && !p.scopes().contains(scope)) {
                    ctx.fail(new ApiException(403, "missing_scope", "Missing required scope: " + scope.id()));
                    return;
                }
                Future.fromCompletionStage(limiter.acquire(p), ctx.vertx().getOrCreateContext()).onComplete(wait -> {
                    if (wait.failed()) {
                        ctx.fail(wait.cause());
                    } else if (wait.result() > 0) {
                        tooMany(ctx, wait.result(), "Too many requests; retry in " + wait.result() + " s");
                    } else {
                        ctx.put(Principal.CONTEXT_KEY, p);
                        ctx.next();
                    }
                });
            });
        };
    }

    /** A failed authentication counts against the caller's address; past its limit the answer is 429 instead. */
    private void refuse(RoutingContext ctx, Throwable cause) {
        Throwable c = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (!(c instanceof ApiException api) || api.status() != 401 || ctx.request().remoteAddress() == null) {
            ctx.fail(c);
            return;
        }
        Future.fromCompletionStage(limiter.failedFrom(ctx.request().remoteAddress().hostAddress()), ctx.vertx().getOrCreateContext())
                .onComplete(wait -> {
                    if (wait.succeeded() && wait.result() > 0) {
                        tooMany(ctx, wait.result(), "Too many failed authentications from this address; retry in " + wait.result() + " s");
                    } else {
                        ctx.fail(c);
                    }
                });
    }

    private static void tooMany(RoutingContext ctx, long seconds, String message) {
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        ctx.fail(new ApiException(429, "rate_limited", message));
    }
}
