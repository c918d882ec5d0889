package io.restream.platforms.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.platforms.port.PlatformException;

/** What a platform's answer means: success, a refused token ({@code needs_reconnect}), or another refusal. */
public final class Replies {
    private Replies() {}

    /** {@link PlatformHttp.Reply#require}: the body of a 2xx answer, else the refusal as a {@link PlatformException}. */
    public static JsonNode require(PlatformHttp.Reply r, String what) throws PlatformException {
        return r.require(what);
    }

    /** A required text field of an answer. */
    public static String text(JsonNode node, String what) throws PlatformException {
        if (node == null || node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
            throw new PlatformException("platform_error", "the platform's answer has no " + what);
        }
        return node.asText();
    }
}
