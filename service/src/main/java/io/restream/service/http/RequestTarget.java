package io.restream.service.http;

import io.restream.core.error.ApiException;
import io.restream.core.json.Json;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks the request target before the router sees it: a path or query whose percent-encoding is
 * malformed (a {@code %} not followed by two hex digits, or bytes that are not UTF-8) is answered
 * here with {@code 400 invalid_path} / {@code 400 validation_failed} in the JSON shape, instead of
 * reaching Vert.x's decoders (which answered plain text with a stack trace, a 500, or nothing).
 * Nothing of the target is logged or echoed: a query may carry a credential.
 */
public final class RequestTarget {
    private RequestTarget() {}

    /** True when the request was answered here (and must not be routed). */
    public static boolean rejected(HttpServerRequest req) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        if (!wellEncoded(path)) {
            answer(req, new ApiException(400, "invalid_path", "The request path has malformed percent-encoding"));
            return true;
        }
        if (query != null && !wellEncoded(query.replace('+', ' '))) {
            answer(req, ApiException.validation("query", "malformed percent-encoding"));
            return true;
        }
        return false;
    }

    /** Every {@code %} starts a hex pair, and the decoded bytes are UTF-8. */
    static boolean wellEncoded(String s) {
        if (s.indexOf('%') < 0) return true;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) return false;
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return false;
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void answer(HttpServerRequest req, ApiException error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        body.put("status", error.status());
        if (!error.fields().isEmpty()) body.put("fields", error.fields());
        // Close: whatever body follows is not read.
        req.response().setStatusCode(error.status())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Connection", "close")
                .end(Json.write(Map.of("error", body)));
    }
}
