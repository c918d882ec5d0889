package io.restream.service.auth;

import io.restream.core.error.ApiException;
import io.restream.core.model.Scope;
import io.restream.core.model.UserRef;
import io.restream.service.ServiceContext;
import io.restream.service.http.Bodies;
import io.restream.service.http.Fields;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code POST /api/v1/auth/session}: a client backend mints a short-lived token for one user. */
public final class SessionRoutes implements RouteModule {
    private final ServiceContext ctx;

    public SessionRoutes(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/auth/session").handler(ctx.auth().secretKey()).handler(Handlers.async(this::onMint));
    }

    private Future<?> onMint(RoutingContext rc) {
        Principal caller = AuthHandlers.principal(rc);
        Fields f = new Fields(Bodies.object(rc));
        String userId = f.string("userId", UserRef.USER_ID, "1-128 characters of [A-Za-z0-9._:@-]");
        Optional<List<String>> asked = f.optionalStrings("scopes", 10);
        Optional<Long> ttl = f.optionalLong("ttlSeconds");
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (asked.isPresent()) {
            for (String s : asked.get()) {
                Optional<Scope> scope = Scope.fromId(s);
                if (scope.isEmpty()) f.problem("scopes", "unknown scope '" + s + "'");
                else if (!caller.scopes().contains(scope.get())) f.problem("scopes", "the client does not have scope " + s);
                else scopes.add(scope.get());
            }
        } else {
            scopes.addAll(caller.scopes());
        }
        if (!f.ok()) throw ApiException.validation(f.problems());
        int ttlSeconds = SessionTokens.clampTtl(ttl.orElse((long) SessionTokens.DEFAULT_TTL_SECONDS));
        return Handlers.await(rc, ctx.tokens().mint(caller.clientId(), userId, scopes, ttlSeconds, System.currentTimeMillis(), caller.credentialId()))
                .compose(m -> Responses.json(rc, 200, Map.of("token", m.token(), "expiresIn", m.expiresIn())));
    }
}
