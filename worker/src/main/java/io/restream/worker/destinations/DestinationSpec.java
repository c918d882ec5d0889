package io.restream.worker.destinations;

import io.restream.core.model.Platform;
import io.restream.platforms.port.IngestTarget;

/**
 * Which push a {@link Destination} runs.
 *
 * @param jobId the job, for log lines
 * @param id the destination id ({@code twitch}, {@code custom:abc})
 * @param target where to push (the URL is a secret)
 * @param reconnects the count so far (a job taken over from another worker keeps its count)
 */
public record DestinationSpec(String jobId, String id, Platform platform, IngestTarget target, int reconnects) {}
