package io.restream.service.chat;

import io.restream.core.chat.ViewerStore;
import io.restream.core.model.Scope;
import io.restream.service.ServiceContext;
import io.restream.service.auth.AuthHandlers;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/viewers} (docs/API.md §5): the live job's viewers per platform and in total. */
public final class ViewerRoutes implements RouteModule {
    private final ServiceContext ctx;
    private final CurrentViewers viewers;

    public ViewerRoutes(ServiceContext ctx) {
        this.ctx = ctx;
        this.viewers = new CurrentViewers(ctx.jobs(), new ViewerStore(ctx.redis()));
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/viewers").handler(ctx.auth().user(Scope.READ)).handler(Handlers.async(this::onViewers));
    }

    private Future<?> onViewers(RoutingContext rc) {
        return Handlers.await(rc, viewers.of(AuthHandlers.principal(rc).user())).compose(v -> Responses.json(rc, 200, v));
    }
}
