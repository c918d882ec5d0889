package io.restream.service.hooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A client's webhook as the operator sees it; the signing secret stays sealed and never leaves.
 *
 * @param secretSealed the {@code whsec_…} secret encrypted with the SecretBox
 */
public record Webhook(String id, String clientId, String url, List<String> events, long createdAt,
                      @JsonIgnore String secretSealed) {
    /** Every event a webhook can ask for (API.md §2); the default is all of them. */
    public static final List<String> EVENTS = List.of("job.queued", "job.running", "job.stopped", "job.ended", "job.failed",
            "broadcast.live", "broadcast.reconnecting", "broadcast.failed", "connection.needs_reconnect");

    public boolean wants(String type) {
        return events.contains(type);
    }

    @Override
    public String toString() {
        return "Webhook[" + id + " " + url + "]";
    }
}
