package io.restream.core.jobs;

import io.restream.core.model.Overlay;
import io.restream.core.model.UserRef;
import java.util.List;

/**
 * A validated goLive.
 *
 * @param ingestSealed per-job ingest overrides ({@code {"instagram":{"url","streamKey"}}}), already
 *     encrypted with the SecretBox; null when none
 * @param title the stream's title on every platform that has one (1–140 chars), or null to keep theirs
 * @param description the stream's description (≤ 5,000 chars), or null to keep theirs
 */
public record NewJob(
        String id,
        UserRef user,
        String publisherSessionId,
        List<String> destinations,
        List<String> trackNames,
        Overlay overlay,
        boolean recording,
        String ingestSealed,
        long createdAt,
        String title,
        String description) {

    /** A job without a title or description (the platforms keep theirs). */
    public NewJob(String id, UserRef user, String publisherSessionId, List<String> destinations, List<String> trackNames,
                  Overlay overlay, boolean recording, String ingestSealed, long createdAt) {
        this(id, user, publisherSessionId, destinations, trackNames, overlay, recording, ingestSealed, createdAt, null, null);
    }
}
