package io.restream.service.admin;

import io.restream.service.http.RouteModule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The operator's page at {@code /admin/}: static files that load without credentials and then ask
 * for the admin token, which they keep in {@code sessionStorage} and send as a header. A strict
 * content security policy (own scripts only, no framing) keeps the token's page to itself.
 */
public final class AdminPage implements RouteModule {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void mount(Router router) {
        router.get("/admin/*").handler(rc -> {
            if (rc.request().path().equals("/admin")) { // relative links need the slash
                rc.response().setStatusCode(301).putHeader("Location", "/admin/").end();
                return;
            }
            rc.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Frame-Options", "DENY")
                    .putHeader("Referrer-Policy", "no-referrer").putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Cache-Control", "no-store");
            rc.next();
        }).handler(StaticHandler.create("io/restream/service/admin-ui").setCachingEnabled(false).setDirectoryListing(false));
    }
}
