package io.restream.service.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.error.ApiException;
import io.restream.core.model.Platform;
import io.restream.service.http.Fields;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code POST /api/v1/chat/messages} {@code { message, platforms? }}, validated. */
record SendRequest(String message, Optional<Set<Platform>> platforms) {
    static final int MAX_CHARS = 500;

    static SendRequest parse(JsonNode body) {
        Fields f = new Fields(body);
        String message = f.string("message", null, "");
        if (message != null) {
            int chars = message.codePointCount(0, message.length());
            if (message.isBlank() || chars > MAX_CHARS) f.problem("message", "1 to " + MAX_CHARS + " characters");
        }
        Optional<List<String>> names = f.optionalStrings("platforms", 16);
        if (!f.ok()) throw ApiException.validation(f.problems());
        Optional<Set<Platform>> platforms = names.map(list -> {
            Set<Platform> set = EnumSet.noneOf(Platform.class);
            for (String n : list) {
                set.add(Platform.fromId(n).orElseThrow(() -> new ApiException(400, "unknown_platform", "Unknown platform: " + n,
                        java.util.Map.of("platforms", "unknown platform " + n))));
            }
            return set;
        });
        if (platforms.isPresent() && platforms.get().isEmpty()) throw ApiException.validation("platforms", "must name at least one platform");
        return new SendRequest(message, platforms);
    }
}
