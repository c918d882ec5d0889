package io.restream.core.jobs;

import io.restream.core.model.Overlay;
import io.restream.core.model.UserRef;
import java.util.List;

/**
 * A validated goLive.
 *
 * @param ingestSealed per-job ingest overrides ({@code {"instagram":{"url","streamKey"}}}), already
 *     encrypted with the SecretBox; null when none
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
        long createdAt) {}
