package io.restream.service.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One event for a user's SSE streams, already framed, so that a message heard once is encoded
 * once however many streams it goes to.
 *
 * @param type {@code comment}, {@code job}, {@code viewers} or {@code connections}
 * @param logId the comment's chat log id (its SSE {@code id:}), null for other types
 * @param frame the bytes to write
 */
public record HubEvent(String type, String logId, Buffer frame) {

    public boolean isComment() {
        return logId != null;
    }

    /** An event from a channel message {@code {"type":…,"id"?:…,"data":…}}; null when malformed. */
    public static HubEvent parse(String message) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(message);
        } catch (Exception e) {
            return null;
        }
        if (node == null || !node.path("type").isTextual() || !node.has("data")) return null;
        String type = node.get("type").asText();
        String id = node.path("id").isTextual() ? node.get("id").asText() : null;
        return of(type, "comment".equals(type) ? id : null, node.get("data").toString());
    }

    public static HubEvent of(String type, String logId, String dataJson) {
        StringBuilder sb = new StringBuilder(dataJson.length() + 64);
        sb.append("event: ").append(type).append('\n');
        if (logId != null) sb.append("id: ").append(logId).append('\n');
        // Compact JSON has no raw line breaks; split anyway so a frame can never be cut short.
        for (String line : dataJson.split("\n", -1)) sb.append("data: ").append(line).append('\n');
        sb.append('\n');
        return new HubEvent(type, logId, Buffer.buffer(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
