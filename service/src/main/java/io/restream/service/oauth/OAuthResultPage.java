package io.restream.service.oauth;

import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small page the OAuth popup ends on: it posts
 * {@code { type: "restream:oauth", ok, platform, error? }} to the opener at its origin and closes.
 * No token ever appears in it. When the attempt is unknown (bad or replayed state) the opener's
 * origin is unknown too, and the failure (which carries nothing secret) is posted to any origin.
 */
final class OAuthResultPage {
    private OAuthResultPage() {}

    static Future<Void> success(RoutingContext rc, String platform, String openerOrigin) {
        Map<String, Object> m = message(true, platform);
        return write(rc, m, openerOrigin, "Connected. You can close this window.");
    }

    static Future<Void> failure(RoutingContext rc, String platform, String openerOrigin, String code, String text) {
        Map<String, Object> m = message(false, platform);
        m.put("error", Map.of("code", code, "message", text));
        return write(rc, m, openerOrigin == null ? "*" : openerOrigin, "Not connected: " + text);
    }

    private static Map<String, Object> message(boolean ok, String platform) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "restream:oauth");
        m.put("ok", ok);
        m.put("platform", platform);
        return m;
    }

    private static Future<Void> write(RoutingContext rc, Map<String, Object> message, String origin, String text) {
        String nonce = Tokens.random(22);
        String page = """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>Restream</title></head>
                <body><p id="result">%s</p>
                <script nonce="%s">
                var message = %s;
                var targetOrigin = %s;
                try { if (window.opener) window.opener.postMessage(message, targetOrigin); } catch (e) {}
                window.close();
                </script></body></html>
                """.formatted(html(text), nonce, scriptJson(Json.write(message)), scriptJson(Json.write(origin)));
        return rc.response().setStatusCode(200)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; frame-ancestors 'none'")
                .end(page);
    }

    /** JSON that cannot close the script element or open a comment. */
    private static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
