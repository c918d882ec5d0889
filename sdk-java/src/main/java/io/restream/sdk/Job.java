package io.restream.sdk;

import java.util.List;

/**
 * A restreaming job (API.md §4): one source pushed to the user's destinations.
 *
 * @param id {@code job_…}
 * @param status {@code queued}, {@code running}, {@code stopping}, {@code stopped}, {@code failed} or {@code ended}
 * @param broadcasts one entry per destination (empty until the worker starts them)
 * @param error why the job failed, or null
 */
public record Job(String id, String status, List<Broadcast> broadcasts, ApiError error) {
    public Job {
        broadcasts = broadcasts == null ? List.of() : List.copyOf(broadcasts);
    }

    /** Queued, running or stopping: the job still holds the user's live slot. */
    public boolean active() {
        return "queued".equals(status) || "running".equals(status) || "stopping".equals(status);
    }
}
