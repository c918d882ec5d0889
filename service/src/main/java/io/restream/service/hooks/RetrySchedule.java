package io.restream.service.hooks;

/**
 * When a failed delivery is tried again: soon at first (the 2nd attempt within 10 s of the first,
 * the 3rd within a minute), then further apart, for 24 hours after the first attempt.
 */
final class RetrySchedule {
    static final long GIVE_UP_AFTER_MS = 24L * 3600 * 1000;
    /** Pause before attempt n+2 (index n); the last one repeats. */
    private static final long[] PAUSES_MS = {4_000, 20_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000};

    private RetrySchedule() {}

    /**
     * @param attempts how many attempts have been made
     * @return when the next attempt is due, or -1 when the 24 hours are over
     */
    static long next(int attempts, long firstAttemptAt, long now) {
        long pause = PAUSES_MS[Math.min(Math.max(attempts - 1, 0), PAUSES_MS.length - 1)];
        long at = now + pause;
        return at - firstAttemptAt > GIVE_UP_AFTER_MS ? -1 : at;
    }
}
