package io.restream.platforms.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.platforms.port.PlatformException;
import org.junit.jupiter.api.Test;

class PlatformHttpTest {
    private static PlatformHttp.Reply reply(int status, String body, boolean json) {
        return new PlatformHttp.Reply(status, Json.read(body, JsonNode.class), "GET /x", json);
    }

    @Test
    void requireReadsWhatARefusalMeans() throws Exception {
        assertEquals("1", reply(200, "{\"id\":\"1\"}", true).require("reading x").path("id").asText());
        assertEquals("needs_reconnect", assertThrows(PlatformException.class, () -> reply(401, "{}", true).require("reading x")).code());
        assertEquals("needs_reconnect", assertThrows(PlatformException.class,
                () -> reply(400, "{\"error\":{\"code\":190}}", true).require("reading x")).code(), "Graph's expired-token code");
        PlatformException e = assertThrows(PlatformException.class, () -> reply(500, "{\"secret\":\"echo\"}", true).require("reading x"));
        assertEquals("platform_error", e.code());
        assertEquals("reading x failed: GET /x answered 500", e.getMessage());
        assertFalse(e.getMessage().contains("echo"), "never the body");
        assertEquals("platform_error", assertThrows(PlatformException.class, () -> reply(200, "{}", false).require("reading x")).code(),
                "a 2xx that is not JSON");
    }

    @Test
    void anUnreachablePlatformThrowsWithoutTheQuery() {
        PlatformException e = assertThrows(PlatformException.class,
                () -> PlatformHttp.create().get("http://127.0.0.1:1/helix/users?token=secret", PlatformHttp.bearer("t")));
        assertEquals("platform_unreachable", e.code());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
