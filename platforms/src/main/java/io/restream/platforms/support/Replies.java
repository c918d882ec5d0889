package io.restream.platforms.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.platforms.port.PlatformException;

/** What a platform's answer means: success, a refused token ({@code needs_reconnect}), or another refusal. */
public final class Replies {
    private Replies() {}

    /** The body of a 2xx answer; 401 (or Graph's error code 190) → {@code needs_reconnect}; else {@code platform_error}. */
    public static JsonNode require(RestClient.Reply r, String what) throws PlatformException {
        if (r.ok()) return r.body();
        if (r.status() == 401 || r.body().path("error").path("code").asInt() == 190) throw r.error("needs_reconnect", what);
        throw r.error("platform_error", what);
    }

    /** A required text field of an answer. */
    public static String text(JsonNode node, String what) throws PlatformException {
        if (node == null || node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
            throw new PlatformException("platform_error", "the platform's answer has no " + what);
        }
        return node.asText();
    }
}
