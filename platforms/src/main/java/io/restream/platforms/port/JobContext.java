package io.restream.platforms.port;

import io.restream.core.model.UserRef;
import java.util.Map;

/**
 * What a broadcast set-up may need to know of the job.
 *
 * @param ingestOverrides per-job URL and key by connection id (goLive's {@code ingest}), decrypted
 * @param text the job's title and description (nulls: the platforms keep theirs)
 * @param refusals told when a platform refuses the title while the broadcast itself goes ahead
 */
public record JobContext(String jobId, UserRef user, Map<String, PastedIngest> ingestOverrides,
                         StreamMetadata.Text text, MetadataRefusals refusals) {

    /** A job with no title or description and nobody to tell. */
    public JobContext(String jobId, UserRef user, Map<String, PastedIngest> ingestOverrides) {
        this(jobId, user, ingestOverrides, new StreamMetadata.Text(null, null), MetadataRefusals.NONE);
    }

    /** A URL and stream key pasted by the streamer. */
    public record PastedIngest(String url, String streamKey) {
        @Override public String toString() { return "PastedIngest[redacted]"; }
    }

    /** Hears, per destination, whether its platform took the title ({@code error} null) or refused it. */
    @FunctionalInterface
    public interface MetadataRefusals {
        MetadataRefusals NONE = (destination, error) -> {};

        void report(String destination, PlatformException error);
    }
}
