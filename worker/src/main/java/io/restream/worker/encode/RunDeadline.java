package io.restream.worker.encode;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grace deadline of one encoder run started while the source is gone. A run can outlast the
 * deadline by far (an origin that accepts and says nothing holds FFmpeg for its 10 s I/O timeout, a
 * WebRTC helper that refuses readers leaves the run to the stall watchdog), so the deadline does
 * not wait for the run to end: at the deadline, a run whose source has not come back is cut off.
 * Whichever comes first, the source's video or the deadline, wins; the other is refused.
 *
 * <pre>
 *   PENDING ──the source's video first: {@link #sourceBack()}──► BACK (the run goes on, no cut)
 *      └──deadline first: the cut runs──► CUT ({@link #sourceBack()} refused: the run's output is dropped)
 * </pre>
 */
final class RunDeadline {
    private static final Logger log = LoggerFactory.getLogger(RunDeadline.class);
    private static final int PENDING = 0;
    private static final int BACK = 1;
    private static final int CUT = 2;

    private final AtomicInteger state = new AtomicInteger(PENDING);
    private volatile ScheduledFuture<?> timer;

    private RunDeadline(int initial) {
        state.set(initial);
    }

    /**
     * @param deadlineNanos on {@link System#nanoTime()}'s clock; negative: no deadline (the source was
     *     not lost), the run is never cut
     * @param name the encoder's, for the log line
     * @param cut what cutting the run off means (kill its FFmpeg); runs at most once
     */
    static RunDeadline at(long deadlineNanos, ScheduledExecutorService timers, String name, Runnable cut) {
        if (deadlineNanos < 0) return new RunDeadline(BACK);
        RunDeadline d = new RunDeadline(PENDING);
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        d.timer = timers.schedule(() -> {
            if (!d.state.compareAndSet(PENDING, CUT)) return;
            log.info("{}: the grace period is over and the source is still not back; cutting the attempt off", name);
            cut.run();
        }, delay, TimeUnit.NANOSECONDS);
        return d;
    }

    /** The source's video is here: true if the run may go on air, false if the deadline came first. */
    boolean sourceBack() {
        return state.compareAndSet(PENDING, BACK) || state.get() == BACK;
    }

    /** Whether the deadline cut the run off. */
    boolean cut() {
        return state.get() == CUT;
    }

    /** The run ended: the timer has nothing more to do. */
    void cancel() {
        ScheduledFuture<?> t = timer;
        if (t != null) t.cancel(false);
    }
}
