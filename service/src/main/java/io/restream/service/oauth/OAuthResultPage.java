package io.restream.service.oauth;

import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small page the OAuth popup ends on: it posts
 * {@code { type: "restream:oauth", ok, platform, confirmation | error }} to the opener at its
 * origin and closes. No token ever appears in it, and the confirmation goes to the opener's origin
 * only. When the attempt is unknown (bad or replayed state) the opener's origin is unknown too, and
 * the failure (which carries nothing secret) is posted to any origin. A native app's sign-in ends
 * instead with a redirect to its loopback {@code returnUrl} carrying {@code platform} and
 * {@code confirmation} (or {@code error}).
 */
final class OAuthResultPage {
    private OAuthResultPage() {}

    static Future<Void> success(RoutingContext rc, String platform, OAuthAttempt attempt, String confirmation) {
        if (attempt.returnUrl() != null) return redirect(rc, attempt.returnUrl(), platform, "confirmation", confirmation);
        Map<String, Object> m = message(true, platform);
        m.put("confirmation", confirmation);
        return write(rc, m, attempt.openerOrigin(), "Signed in. You can close this window.");
    }

    static Future<Void> failure(RoutingContext rc, String platform, OAuthAttempt attempt, String code, String text) {
        if (attempt != null && attempt.returnUrl() != null) return redirect(rc, attempt.returnUrl(), platform, "error", code);
        return failure(rc, platform, attempt == null ? null : attempt.openerOrigin(), code, text);
    }

    static Future<Void> failure(RoutingContext rc, String platform, String openerOrigin, String code, String text) {
        Map<String, Object> m = message(false, platform);
        m.put("error", Map.of("code", code, "message", text));
        return write(rc, m, openerOrigin == null ? "*" : openerOrigin, "Not connected: " + text);
    }

    private static Future<Void> redirect(RoutingContext rc, String returnUrl, String platform, String name, String value) {
        String sep = returnUrl.contains("?") ? "&" : "?";
        String to = returnUrl + sep + "platform=" + enc(platform) + "&" + name + "=" + enc(value);
        return rc.response().setStatusCode(302).putHeader("Location", to).putHeader("Cache-Control", "no-store")
                .putHeader("Referrer-Policy", "no-referrer").end();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
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
