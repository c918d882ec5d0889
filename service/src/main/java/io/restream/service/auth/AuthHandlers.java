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
                ctx.fail(e);
                return;
            }
            Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext()).onComplete(ar -> {
                if (ar.failed()) {
                    ctx.fail(ar.cause());
                    return;
                }
                Principal p = ar.result();
                if (scope != null && !p.scopes().contains(scope)) {
                    ctx.fail(new ApiException(403, "missing_scope", "Missing required scope: " + scope.id()));
                    return;
                }
                long wait = limiter.acquire(p.credentialId(), System.currentTimeMillis());
                if (wait > 0) {
                    ctx.response().putHeader("Retry-After", Long.toString(wait));
                    ctx.fail(new ApiException(429, "rate_limited", "Too many requests; retry in " + wait + " s"));
                    return;
                }
                ctx.put(Principal.CONTEXT_KEY, p);
                ctx.next();
            });
        };
    }
}
