package io.restream.service.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.model.Overlay;
import io.restream.core.net.UrlGuard;
import io.restream.service.http.Fields;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an overlay object (goLive's {@code overlay} or the PATCH body) and checks its URLs with the
 * SSRF guard: {@code https:} only, {@code http:} too when the operator allows it.
 */
final class OverlayRequest {
    static final List<String> URL_FIELDS = List.of("htmlBanner", "topBanner", "bottomBanner");

    private OverlayRequest() {}

    /** Parses {@code node} (an object) reporting problems under {@code prefix}; null when invalid. */
    static Overlay parse(JsonNode node, String prefix, Fields outer) {
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) {
            outer.problem(prefix.isEmpty() ? "body" : prefix, "must be an object");
            return null;
        }
        Fields f = new Fields(node);
        String[] urls = new String[3];
        for (int i = 0; i < URL_FIELDS.size(); i++) {
            urls[i] = f.optionalString(URL_FIELDS.get(i), null, null).orElse(null);
            if (urls[i] != null && (urls[i].isBlank() || urls[i].length() > 2048)) f.problem(URL_FIELDS.get(i), "must be a URL of at most 2048 characters");
        }
        Boolean hideTop = f.optionalBoolean("hideTop").orElse(null);
        Boolean hideBottom = f.optionalBoolean("hideBottom").orElse(null);
        Boolean enabled = f.optionalBoolean("enabled").orElse(null);
        f.problems().forEach((k, v) -> outer.problem(prefix.isEmpty() ? k : prefix + "." + k, v));
        if (!f.ok()) return null;
        return new Overlay(urls[0], urls[1], urls[2], hideTop, hideBottom, enabled);
    }

    /** Resolves and checks every URL of {@code overlay} off the event loop. */
    static Future<Void> checkUrls(Vertx vertx, UrlGuard guard, boolean allowHttp, Overlay overlay, String prefix) {
        if (overlay == null) return Future.succeededFuture();
        Set<String> schemes = allowHttp ? Set.of("https", "http") : Set.of("https");
        List<String[]> urls = new ArrayList<>();
        if (overlay.htmlBanner() != null) urls.add(new String[] {"htmlBanner", overlay.htmlBanner()});
        if (overlay.topBanner() != null) urls.add(new String[] {"topBanner", overlay.topBanner()});
        if (overlay.bottomBanner() != null) urls.add(new String[] {"bottomBanner", overlay.bottomBanner()});
        if (urls.isEmpty()) return Future.succeededFuture();
        return vertx.executeBlocking(() -> {
            for (String[] u : urls) guard.check(prefix + u[0], u[1], schemes);
            return null;
        }, false);
    }
}
