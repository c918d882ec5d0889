package io.restream.worker.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.crypto.SecretBox;
import io.restream.core.json.Json;
import io.restream.platforms.port.JobContext;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Opens a job's sealed {@code ingest} field ({@code {"instagram":{"url","streamKey"}}}). */
final class IngestOverrides {
    private IngestOverrides() {}

    static Map<String, JobContext.PastedIngest> open(String sealed, SecretBox box) {
        if (sealed == null || sealed.isBlank()) return Map.of();
        JsonNode root = Json.read(box.decrypt(sealed), JsonNode.class);
        Map<String, JobContext.PastedIngest> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode url = e.getValue().get("url");
            JsonNode key = e.getValue().get("streamKey");
            if (url != null && key != null) out.put(e.getKey(), new JobContext.PastedIngest(url.asText(), key.asText()));
        }
        return Map.copyOf(out);
    }
}
