package io.restream.worker.jobs;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A job session's pause between polls. A nudge ({@link JobSignals}: the job changed) ends the
 * current pause early; {@link #wakeForGood()} (hand-over, lost lease) ends it and every later one.
 */
final class Pacer {
    private final CountDownLatch forGood = new CountDownLatch(1);
    private final Semaphore nudges = new Semaphore(0);

    void nudge() { nudges.release(); }

    void wakeForGood() {
        forGood.countDown();
        nudges.release();
    }

    /** Waits up to {@code ms}, less when nudged; true when woken for good (or interrupted). */
    boolean pause(long ms) {
        try {
            if (forGood.getCount() > 0) {
                nudges.tryAcquire(ms, TimeUnit.MILLISECONDS);
                nudges.drainPermits();
            }
            return forGood.getCount() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
