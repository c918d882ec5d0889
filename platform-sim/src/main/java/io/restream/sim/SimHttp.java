package io.restream.sim;

import io.restream.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Small helpers the simulator's handlers share: JSON replies, parameters, credentials. */
public final class SimHttp {
    private SimHttp() {}

    public static void json(RoutingContext rc, int status, Object body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(Json.write(body));
    }

    public static void html(RoutingContext rc, int status, String page) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(page);
    }

    public static void redirect(RoutingContext rc, String location) {
        rc.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
    }

    /** A query parameter, else a form field of a urlencoded body. */
    public static String param(RoutingContext rc, String name) {
        String v = rc.request().getParam(name);
        if (v == null) v = rc.request().getFormAttribute(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The token of {@code Authorization: Bearer …} (or {@code OAuth …}, as Twitch's validate takes), else {@code access_token}. */
    public static String bearer(RoutingContext rc) {
        String h = rc.request().getHeader("Authorization");
        if (h != null) {
            if (h.regionMatches(true, 0, "Bearer ", 0, 7)) return h.substring(7).trim();
            if (h.regionMatches(true, 0, "OAuth ", 0, 6)) return h.substring(6).trim();
        }
        return param(rc, "access_token");
    }

    /** {@code [clientId, clientSecret]} from the body or from HTTP Basic; entries may be null. */
    public static String[] clientCredentials(RoutingContext rc) {
        String id = param(rc, "client_id");
        String secret = param(rc, "client_secret");
        String h = rc.request().getHeader("Authorization");
        if (h != null && h.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    id = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                    secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return new String[] {null, null};
            }
        }
        return new String[] {id, secret};
    }

    public static String escapeHtml(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    public static String q(String s) {
        return java.net.URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
