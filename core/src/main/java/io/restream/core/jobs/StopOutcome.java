package io.restream.core.jobs;

/** What a user's stop did. */
public enum StopOutcome {
    NOT_FOUND,
    /** The job was superseded: {@code 409 superseded}. */
    SUPERSEDED,
    /** Already stopped, failed or ended: returned unchanged ({@code 200}). */
    FINISHED,
    /** The worker has been asked to stop ({@code 202}). */
    STOPPING,
    /** No worker had it, so it stopped at once ({@code 202}). */
    STOPPED
}
