package io.restream.platforms.port;

import io.restream.core.model.UserRef;
import java.util.Map;

/**
 * What a broadcast set-up may need to know of the job.
 *
 * @param ingestOverrides per-job URL and key by connection id (goLive's {@code ingest}), decrypted
 */
public record JobContext(String jobId, UserRef user, Map<String, PastedIngest> ingestOverrides) {
    /** A URL and stream key pasted by the streamer. */
    public record PastedIngest(String url, String streamKey) {
        @Override public String toString() { return "PastedIngest[redacted]"; }
    }
}
