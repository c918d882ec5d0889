package io.restream.core.jobs;

/** What a live edit of a job (its destinations, title or description) did. */
public enum EditOutcome {
    /** Changed, or already as asked (a no-op is not an error). */
    APPLIED,
    NOT_FOUND,
    /** Not queued or running: {@code 409 no_active_job}. */
    INACTIVE,
    SUPERSEDED,
    /** It would leave the job with no destination: stop it instead. */
    EMPTY;

    /** The answer of the live-edit scripts ({@code ok}/{@code same} are {@link #APPLIED}). */
    static EditOutcome ofScript(String answer) {
        return switch (answer) {
            case "ok", "same" -> APPLIED;
            case "superseded" -> SUPERSEDED;
            case "inactive" -> INACTIVE;
            case "empty" -> EMPTY;
            default -> NOT_FOUND;
        };
    }
}
