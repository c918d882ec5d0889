package io.restream.service.connections;

import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.error.ApiException;
import io.restream.core.model.Connection;
import io.restream.core.model.Platform;
import io.restream.core.model.Scope;
import io.restream.core.model.UserRef;
import io.restream.service.ServiceContext;
import io.restream.service.auth.AuthHandlers;
import io.restream.service.http.Bodies;
import io.restream.service.http.Fields;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** {@code /api/v1/connections} (docs/API.md §3) for pasted ingests; OAuth connections come through the OAuth routes. */
public final class ConnectionRoutes implements RouteModule {
    static final Pattern CUSTOM_NAME = Pattern.compile("[a-z0-9-]{1,32}");
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._]{1,64}");

    private final ServiceContext ctx;

    public ConnectionRoutes(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void mount(Router router) {
        var connect = ctx.auth().user(Scope.CONNECT);
        router.get("/api/v1/connections").handler(connect).handler(Handlers.async(this::onList));
        router.post("/api/v1/connections/custom").handler(connect).handler(Handlers.async(this::onCustom));
        router.post("/api/v1/connections/instagram").handler(connect).handler(Handlers.async(this::onInstagram));
        router.delete("/api/v1/connections/:id").handler(connect).handler(Handlers.async(this::onDelete));
    }

    private Future<?> onList(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        return Handlers.await(rc, ctx.connections().list(user)).compose(list -> Responses.json(rc, 200, list));
    }

    private Future<?> onCustom(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        Fields f = new Fields(Bodies.object(rc));
        String name = f.string("name", CUSTOM_NAME, "1-32 characters of [a-z0-9-]");
        String url = f.string("url", null, null);
        String key = IngestUrls.streamKey(f, "streamKey");
        IngestUrls.requireOk(f);
        Connection c = new Connection("custom:" + name, Platform.CUSTOM, name, name, System.currentTimeMillis(), false);
        return save(rc, user, url, c, key);
    }

    private Future<?> onInstagram(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        Fields f = new Fields(Bodies.object(rc));
        String username = f.optionalString("username", USERNAME, "1-64 characters of [A-Za-z0-9._]").orElse("instagram");
        String url = f.string("url", null, null);
        String key = IngestUrls.streamKey(f, "streamKey");
        IngestUrls.requireOk(f);
        Connection c = new Connection("instagram", Platform.INSTAGRAM, username, username, System.currentTimeMillis(), false);
        return save(rc, user, url, c, key);
    }

    private Future<?> save(RoutingContext rc, UserRef user, String url, Connection c, String key) {
        return IngestUrls.check(rc.vertx(), ctx.urlGuard(), "url", url)
                .compose(v -> Handlers.await(rc, ctx.connections().put(user, c, ConnectionSecrets.ingest(url.trim(), key))))
                .compose(saved -> Responses.json(rc, 201, saved));
    }

    private Future<?> onDelete(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        String id = rc.pathParam("id");
        return Handlers.await(rc, ctx.connections().get(user, id)).compose(found -> Handlers.await(rc, ctx.connections().delete(user, id)).compose(deleted -> {
            if (!deleted) throw new ApiException(404, "not_connected", "No connection " + abbreviate(id));
            found.ifPresent(removed -> io.restream.service.oauth.Revocation.revokeInBackground(ctx, removed));
            return Responses.noContent(rc);
        }));
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
