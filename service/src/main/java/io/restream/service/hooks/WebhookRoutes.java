package io.restream.service.hooks;

import io.restream.core.error.ApiException;
import io.restream.service.ServiceContext;
import io.restream.service.http.Bodies;
import io.restream.service.http.Fields;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The operator's webhook routes (API.md §2), guarded by the admin token. */
public final class WebhookRoutes implements RouteModule {
    private static final int MAX_URL = 2048;

    private final ServiceContext ctx;
    private final WebhookStore store;
    private final Deliveries deliveries;

    public WebhookRoutes(ServiceContext ctx) {
        this.ctx = ctx;
        this.store = new WebhookStore(ctx.redis(), ctx.box());
        this.deliveries = new Deliveries(ctx.redis());
    }

    /** {@code https:} only, {@code http:} too where the operator allows it for overlays (development). */
    public static Set<String> schemes(ServiceContext ctx) {
        return ctx.core().allowHttpOverlays() ? Set.of("https", "http") : Set.of("https");
    }

    @Override
    public void mount(Router router) {
        var admin = ctx.auth().admin();
        router.post("/api/v1/admin/clients/:clientId/webhooks").handler(admin).handler(Handlers.async(this::onCreate));
        router.get("/api/v1/admin/clients/:clientId/webhooks").handler(admin).handler(Handlers.async(this::onList));
        router.delete("/api/v1/admin/webhooks/:id").handler(admin).handler(Handlers.async(this::onDelete));
        router.get("/api/v1/admin/webhooks/:id/deliveries").handler(admin).handler(Handlers.async(this::onDeliveries));
    }

    private Future<?> onCreate(RoutingContext rc) {
        String clientId = rc.pathParam("clientId");
        Fields f = new Fields(Bodies.object(rc));
        String url = f.string("url", null, null);
        if (url != null && (url.isBlank() || url.length() > MAX_URL)) f.problem("url", "a URL of at most " + MAX_URL + " characters");
        List<String> events = events(f);
        if (!f.ok()) throw ApiException.validation(f.problems());
        String clean = url.strip();
        return rc.vertx().executeBlocking(() -> ctx.urlGuard().check("url", clean, schemes(ctx)), false)
                .compose(ok -> Handlers.await(rc, ctx.clients().client(clientId)))
                .compose(client -> {
                    if (client.isEmpty()) throw ApiException.notFound("Client " + clientId);
                    return Handlers.await(rc, store.create(clientId, clean, events, System.currentTimeMillis()));
                })
                .compose(created -> {
                    Webhook w = created.webhook();
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("id", w.id());
                    out.put("clientId", w.clientId());
                    out.put("url", w.url());
                    out.put("events", w.events());
                    out.put("secret", created.secret());
                    out.put("createdAt", w.createdAt());
                    return Responses.json(rc, 201, out);
                });
    }

    private Future<?> onList(RoutingContext rc) {
        String clientId = rc.pathParam("clientId");
        return Handlers.await(rc, ctx.clients().client(clientId)).compose(client -> {
            if (client.isEmpty()) throw ApiException.notFound("Client " + clientId);
            return Handlers.await(rc, store.forClient(clientId));
        }).compose(all -> Responses.json(rc, 200, all));
    }

    private Future<?> onDelete(RoutingContext rc) {
        return Handlers.await(rc, store.delete(rc.pathParam("id"))).compose(done -> {
            if (!done) throw ApiException.notFound("Webhook " + rc.pathParam("id"));
            return Responses.noContent(rc);
        });
    }

    private Future<?> onDeliveries(RoutingContext rc) {
        String id = rc.pathParam("id");
        return Handlers.await(rc, store.get(id)).compose(hook -> {
            if (hook.isEmpty()) throw ApiException.notFound("Webhook " + id);
            return Handlers.await(rc, deliveries.log(id, Deliveries.LOG_LENGTH));
        }).compose(log -> Responses.json(rc, 200, log));
    }

    private static List<String> events(Fields f) {
        List<String> given = f.optionalStrings("events", Webhook.EVENTS.size() * 2).orElse(null);
        if (given == null) return Webhook.EVENTS;
        List<String> unknown = new ArrayList<>(given.stream().filter(e -> !Webhook.EVENTS.contains(e)).toList());
        if (!unknown.isEmpty()) f.problem("events", "unknown: " + String.join(", ", unknown) + " (one of " + String.join(", ", Webhook.EVENTS) + ")");
        else if (given.isEmpty()) f.problem("events", "at least one event (or leave it out for all)");
        return List.copyOf(new LinkedHashSet<>(given));
    }
}
