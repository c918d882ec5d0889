package io.restream.core.jobs;

import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import java.util.List;

/**
 * What a worker polls of a job it runs: its status, its overlay (null when none) and its
 * destination ids in order.
 */
public record JobControl(JobStatus status, Overlay overlay, List<String> destinations) {}
