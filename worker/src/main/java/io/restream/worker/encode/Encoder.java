package io.restream.worker.encode;

import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.fanout.FlvReader;
import io.restream.worker.fanout.FlvTag;
import io.restream.worker.process.FfmpegProcess;
import io.restream.worker.process.ProcessSpec;
import io.restream.worker.process.Progress;
import io.restream.worker.process.StateTable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises the job's encode stage: one FFmpeg run on the source at a time, its FLV output
 * published to the hub. The stage outlives its input: when the source goes, a {@link Standby}
 * takes its place in the hub, so destinations keep receiving one continuous stream.
 *
 * <pre>
 *   STARTING ──video flows──► LIVE ──source closes, or no video for stallMs──► STANDBY
 *      │                        ▲     (standby picture + silence on air at once)   │
 *      │                        └──the source's first key frame (standby off) ◄────┤ source retried every second
 *      └──run ends, no video──► RETRYING ──video flows──► LIVE                     │
 *                                  └──grace over──► ENDED ◄───────grace over───────┘
 *   (at the grace deadline a run still waiting for the source is cut off: the end is on time)
 *   STARTING, LIVE, STANDBY, RETRYING ──stop()──► STOPPED (runs stopped politely, then killed)
 * </pre>
 *
 * Each run is a new hub segment (timestamps continue), so destinations keep their connections.
 * Every change of state goes through {@link #setState}, which refuses an edge not drawn here.
 */
public final class Encoder {
    private static final Logger log = LoggerFactory.getLogger(Encoder.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    /** The states drawn in the class comment. */
    public enum State { STARTING, LIVE, STANDBY, RETRYING, ENDED, STOPPED }

    /** The edges drawn in the class comment. */
    public static final StateTable<State> TRANSITIONS = StateTable.of(State.class)
            .edge(State.STARTING, State.LIVE, State.RETRYING, State.STOPPED)
            .edge(State.LIVE, State.STANDBY, State.STOPPED)
            .edge(State.STANDBY, State.LIVE, State.ENDED, State.STOPPED)
            .edge(State.RETRYING, State.LIVE, State.ENDED, State.STOPPED)
            .build();

    /** What the encoder reports; called from its own thread. */
    public interface Listener {
        /** The source's video flows (first time, or back after a loss). */
        void onLive();
        /** The source is gone; the standby picture is on air. {@code lostAt} is epoch ms. */
        void onSourceLost(long lostAt, String reason);
        /** The source stayed gone past the grace period; the encoder has given up. */
        void onEnded(String reason);
        /** FFmpeg's progress, about once a second. */
        void onProgress(Progress progress);
    }

    private final EncoderSpec spec;
    private final String name;
    private final FanoutHub hub;
    private final Supplier<byte[]> overlayFrames;
    private final ScheduledExecutorService timers;
    private final Listener listener;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile State state = State.STARTING;
    private volatile FfmpegProcess current;
    /** The current run's overlay input, closed first on {@link #stop()}. */
    private volatile OverlayRun currentOverlay;
    private volatile Standby standby;

    /** @param overlayFrames the current RGBA overlay frame (used in {@link EncoderCommand.Mode#ENCODE}) */
    public Encoder(EncoderSpec spec, FanoutHub hub, Supplier<byte[]> overlayFrames, ScheduledExecutorService timers, Listener listener) {
        this.spec = spec;
        this.name = spec.name();
        this.hub = hub;
        this.overlayFrames = overlayFrames;
        this.timers = timers;
        this.listener = listener;
        this.thread = new Thread(this::loop, "encoder-" + name);
        this.thread.setDaemon(true);
    }

    public EncoderCommand command() { return spec.command(); }

    public State state() { return state; }

    public void start() { thread.start(); }

    /** The one place the state changes; an edge not in {@link #TRANSITIONS} throws. */
    synchronized void setState(State to) {
        state = TRANSITIONS.check(name + " encoder", state, to);
    }

    /** Stops the current run, the standby and the retry loop (politely, then killed); blocks until done. */
    public void stop() {
        halt();
        // FFmpeg's first SIGTERM does not interrupt a blocking read, and the overlay demuxer blocks
        // until the feeder's next frame, which it writes only once the output has stalled for
        // 300 ms: a supersede's hand-over waited that long. With the overlay input closed the
        // overlay ends, and with it (shortest=1) the run.
        OverlayRun o = currentOverlay;
        if (o != null) o.close();
        FfmpegProcess p = current;
        if (p != null) p.stop(STOP_GRACE, false);
        try {
            thread.join(STOP_GRACE.toMillis() + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The source is known to be gone (a WebRTC source's media stalled): ends the current run now,
     * so that the standby goes on air without waiting for the stall timeout. The encoder goes on.
     */
    public void endRun() {
        FfmpegProcess p = current;
        if (p != null && state == State.LIVE) p.kill();
    }

    /** Kills the current run at once (crash clean-up, lost lease). */
    public void kill() {
        halt();
        FfmpegProcess p = current;
        if (p != null) p.kill();
    }

    private void halt() {
        synchronized (this) {
            if (TRANSITIONS.allows(state, State.STOPPED)) setState(State.STOPPED);
        }
        stopped.countDown();
        Standby s = standby;
        if (s != null) s.stop();
    }

    /** The pid of the running FFmpeg, or -1. */
    public long pid() { FfmpegProcess p = current; return p == null ? -1 : p.pid(); }

    private boolean halted() { return stopped.getCount() == 0; }

    /**
     * Runs the source again and again. Once it is lost the grace deadline is fixed: a run without the
     * source's video by then is cut off ({@link RunDeadline}), and neither a run nor the pause starts past it.
     */
    private void loop() {
        long lostSince = -1;
        while (!halted()) {
            long deadline = lostSince < 0 ? -1 : lostSince + spec.grace().toNanos();
            boolean sawVideo = runOnce(deadline);
            if (halted()) return;
            long now = System.nanoTime();
            String reason = current == null ? "did not start" : current.exit().join().reason();
            if (sawVideo) {
                lostSince = now;
                toStandby(reason, System.currentTimeMillis());
            } else if (lostSince < 0) {
                lostSince = now;
                move(State.RETRYING);
            }
            long leftNanos = lostSince + spec.grace().toNanos() - now;
            if (leftNanos <= 0) {
                end(reason, (now - lostSince) / 1_000_000);
                return;
            }
            try {
                if (stopped.await(Math.min(RETRY_PAUSE.toNanos(), leftNanos), TimeUnit.NANOSECONDS)) return;
            } catch (InterruptedException e) { return; }
        }
    }

    /** Past the grace period: the standby goes off air and the job is told. */
    private void end(String reason, long goneMs) {
        log.info("{}: source gone for {} ms, past the grace period; ending", name, goneMs);
        Standby s = standby;
        if (s != null) s.stop();
        if (move(State.ENDED)) listener.onEnded(reason);
    }

    private void toStandby(String reason, long lostAt) {
        log.warn("{}: source lost ({}); standby on air, retrying for up to {} ms", name, reason, spec.grace().toMillis());
        if (!move(State.STANDBY)) return;
        Standby s = new Standby(name, hub, timers);
        standby = s;
        // A copied job's standby takes the banners too: it is encoded anyway, and a PATCH while the
        // source is gone has no encoder to go to (the switch to encoding waits for the source).
        s.start(spec.command(), spec.audioRate(), spec.workDir(), overlayFrames);
        if (halted()) s.stop();
        listener.onSourceLost(lostAt, reason);
    }

    /** Moves unless stopped meanwhile; false when the encoder was stopped. */
    private synchronized boolean move(State to) {
        if (state == State.STOPPED) return false;
        setState(to);
        return true;
    }

    /**
     * One FFmpeg run on the source; returns whether any video came out of it. While the standby is
     * on air, the run's output is held back until its first key frame, then the standby goes off
     * and the source takes over in the hub. {@code deadline} ({@link System#nanoTime()}, or -1 while
     * the source is not lost): no run starts past it, and a run without video by then is killed.
     */
    private boolean runOnce(long deadline) {
        if (deadline >= 0 && System.nanoTime() >= deadline) return false;
        EncoderCommand command = spec.command();
        boolean encode = command.mode() == EncoderCommand.Mode.ENCODE;
        OverlayRun overlay;
        try {
            overlay = encode ? OverlayRun.open(overlayFrames) : null;
        } catch (IOException e) {
            log.warn("{}: cannot open the overlay input: {}", name, e.getMessage());
            return false;
        }
        List<String> args = encode ? command.args(overlay.url(), overlay.startsOn()) : command.args();
        FfmpegProcess p = new FfmpegProcess(ProcessSpec.builder(name + "/encoder", args)
                .stallTimeout(spec.stallTimeout()).onProgress(listener::onProgress).statsAreProgress(false).build(), timers);
        boolean onStandby = state == State.STANDBY;
        if (!onStandby) hub.beginSegment();
        synchronized (this) {
            if (halted()) {
                if (overlay != null) overlay.close();
                return false;
            }
            current = p;
            currentOverlay = overlay;
            try {
                p.start();
            } catch (RuntimeException e) {
                log.warn("{}: cannot start the encoder: {}", name, e.getMessage());
                if (overlay != null) overlay.close();
                return false;
            }
        }
        RunDeadline cutOff = RunDeadline.at(deadline, timers, name, p::kill);
        int[] runTs = {-1};
        if (overlay != null) overlay.feed(name, p.stdin(), () -> runTs[0], command.width(), command.height(), command.overlayFps());
        boolean sawVideo = false;
        List<FlvTag> held = onStandby ? new ArrayList<>() : null;
        try {
            FlvReader reader = new FlvReader(p.stdout());
            for (FlvTag tag; (tag = reader.next()) != null; ) {
                if (!tag.isScript()) runTs[0] = Math.max(runTs[0], tag.timestamp());
                if (held != null) {
                    held.add(tag);
                    if (!tag.isKeyframe() || tag.isSequenceHeader()) continue;
                    if (!cutOff.sourceBack() || !takeOverFromStandby(held)) return false;
                    held = null;
                } else {
                    if (tag.isVideo() && !sawVideo && !cutOff.sourceBack()) return false;
                    hub.publish(tag);
                }
                if (tag.isVideo()) {
                    p.markProgress();
                    if (!sawVideo) {
                        sawVideo = true;
                        if (state != State.LIVE && move(State.LIVE)) listener.onLive();
                    }
                }
            }
        } catch (IOException e) {
            log.debug("{}: encoder output ended: {}", name, e.getMessage());
        } finally {
            cutOff.cancel();
            if (p.state() == FfmpegProcess.State.RUNNING) p.stop(STOP_GRACE, false);
            p.exit().join();
            if (overlay != null) overlay.close();
            p.closeStdin();
        }
        return sawVideo;
    }

    /** The source's first key frame is here: standby off, then the held tags go out. */
    private boolean takeOverFromStandby(List<FlvTag> held) {
        Standby s = standby;
        if (s != null) s.stop();
        standby = null;
        if (halted()) return false;
        hub.beginSegment();
        for (FlvTag t : held) hub.publish(t);
        log.info("{}: source back; standby off", name);
        return true;
    }
}
