package io.restream.service.admin;

import io.restream.service.http.RouteModule;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The operator's page at {@code /admin/}: three static files, read once from the classpath, that
 * load without credentials and then ask for the admin token, which they keep in
 * {@code sessionStorage} and send as a header. Only these files are served (any other path is a
 * plain 404), with a strict content security policy: own scripts only, no framing.
 */
public final class AdminPage implements RouteModule {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final String ROOT = "/io/restream/service/admin-ui/";

    private record File(String contentType, Buffer body) {}

    private final Map<String, File> files = Map.of(
            "index.html", new File("text/html; charset=utf-8", load("index.html")),
            "admin.js", new File("text/javascript; charset=utf-8", load("admin.js")),
            "admin.css", new File("text/css; charset=utf-8", load("admin.css")));

    @Override
    public void mount(Router router) {
        router.get("/admin/*").handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        String path = rc.request().path();
        if (path.equals("/admin")) { // relative links need the slash
            rc.response().setStatusCode(301).putHeader("Location", "/admin/").end();
            return;
        }
        String name = path.equals("/admin/") ? "index.html" : path.substring("/admin/".length());
        File file = files.get(name);
        if (file == null) {
            rc.next(); // the router's 404, in the error shape of API.md §6
            return;
        }
        rc.response().putHeader("Content-Type", file.contentType()).putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Frame-Options", "DENY").putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store")
                .end(file.body());
    }

    private static Buffer load(String name) {
        try (InputStream in = AdminPage.class.getResourceAsStream(ROOT + name)) {
            if (in == null) throw new IllegalStateException("missing admin page file " + name);
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
