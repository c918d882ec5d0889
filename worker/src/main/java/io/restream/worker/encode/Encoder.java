package io.restream.worker.encode;

import io.restream.worker.process.LogRedactor;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.fanout.FlvReader;
import io.restream.worker.fanout.FlvTag;
import io.restream.worker.process.FfmpegProcess;
import io.restream.worker.process.Progress;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises the job's encoder: one FFmpeg run at a time, its FLV output published to the hub.
 *
 * <pre>
 *   STARTING ──video flows──► LIVE ──source drops (exit, or no video for stallMs)──► RETRYING
 *                               ▲                                                       │
 *                               └──────────────── video flows again ◄───────────────────┤
 *                                                                   grace over ──► ENDED
 *   any ──stop()──► STOPPED (the run is stopped politely, then killed)
 * </pre>
 *
 * Each run is a new hub segment, so destinations keep their connections across a source drop.
 */
public final class Encoder {
    private static final Logger log = LoggerFactory.getLogger(Encoder.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final int OVERLAY_LEAD_MS = 1000;

    /** What the encoder reports; called from its own thread. */
    public interface Listener {
        /** Video flows (first time, or again after a drop). */
        void onLive();

        /** The source dropped; the encoder retries until the grace period is over. */
        void onDropped(String reason);

        /** The source stayed gone past the grace period; the encoder has given up. */
        void onEnded(String reason);

        /** FFmpeg's progress, about once a second. */
        void onProgress(Progress progress);
    }

    private final String name;
    private final EncoderCommand command;
    private final FanoutHub hub;
    private final Supplier<byte[]> overlayFrames;
    private final ScheduledExecutorService timers;
    private final Duration stallTimeout;
    private final Duration grace;
    private final Listener listener;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile FfmpegProcess current;

    /**
     * @param overlayFrames the current RGBA overlay frame (used in {@link EncoderCommand.Mode#ENCODE})
     * @param stallTimeout no video for this long counts as a source drop
     * @param grace how long a dropped source may stay gone before the job ends
     */
    public Encoder(String name, EncoderCommand command, FanoutHub hub, Supplier<byte[]> overlayFrames,
                   ScheduledExecutorService timers, Duration stallTimeout, Duration grace, Listener listener) {
        this.name = name;
        this.command = command;
        this.hub = hub;
        this.overlayFrames = overlayFrames;
        this.timers = timers;
        this.stallTimeout = stallTimeout;
        this.grace = grace;
        this.listener = listener;
        this.thread = new Thread(this::loop, "encoder-" + name);
        this.thread.setDaemon(true);
    }

    public EncoderCommand command() { return command; }

    public void start() { thread.start(); }

    /** Stops the current run (politely, then killed) and the retry loop; blocks until done. */
    public void stop() {
        stopped.countDown();
        FfmpegProcess p = current;
        if (p != null) p.stop(STOP_GRACE, false);
        try {
            thread.join(STOP_GRACE.toMillis() + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the current run at once (crash clean-up, lost lease). */
    public void kill() {
        stopped.countDown();
        FfmpegProcess p = current;
        if (p != null) p.kill();
    }

    /** The pid of the running FFmpeg, or -1. */
    public long pid() {
        FfmpegProcess p = current;
        return p == null ? -1 : p.pid();
    }

    private void loop() {
        long droppedSince = -1;
        while (stopped.getCount() > 0) {
            boolean sawVideo = runOnce();
            if (stopped.getCount() == 0) return;
            long now = System.nanoTime();
            if (sawVideo || droppedSince < 0) droppedSince = now;
            String reason = current == null ? "did not start" : current.exit().join().reason();
            long goneMs = (now - droppedSince) / 1_000_000;
            if (goneMs >= grace.toMillis()) {
                log.info("{}: source gone for {} ms, past the grace period; ending", name, goneMs);
                listener.onEnded(reason);
                return;
            }
            if (sawVideo) {
                log.warn("{}: source dropped ({}); retrying for up to {} ms", name, reason, grace.toMillis());
                listener.onDropped(reason);
            }
            try {
                if (stopped.await(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS)) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One FFmpeg run; returns whether any video came out of it. */
    private boolean runOnce() {
        FfmpegProcess p = new FfmpegProcess(name + "/encoder", command.args(), timers, stallTimeout,
                listener::onProgress, LogRedactor::redact, false);
        hub.beginSegment();
        synchronized (this) {
            if (stopped.getCount() == 0) return false;
            current = p;
            try {
                p.start();
            } catch (RuntimeException e) {
                log.warn("{}: cannot start the encoder: {}", name, e.getMessage());
                return false;
            }
        }
        OverlayFeeder feeder = null;
        if (command.mode() == EncoderCommand.Mode.ENCODE) {
            feeder = new OverlayFeeder(p.stdin(), overlayFrames, hub::lastSegmentTimestamp, command.overlayFps(), OVERLAY_LEAD_MS);
            Thread t = new Thread(feeder, "overlay-" + name);
            t.setDaemon(true);
            t.start();
        }
        boolean sawVideo = false;
        try {
            FlvReader reader = new FlvReader(p.stdout());
            for (FlvTag tag; (tag = reader.next()) != null; ) {
                hub.publish(tag);
                if (tag.isVideo()) {
                    p.markProgress();
                    if (!sawVideo) {
                        sawVideo = true;
                        listener.onLive();
                    }
                }
            }
        } catch (IOException e) {
            log.debug("{}: encoder output ended: {}", name, e.getMessage());
        } finally {
            if (feeder != null) feeder.stop();
            if (p.state() == FfmpegProcess.State.RUNNING) p.stop(STOP_GRACE, false);
            p.exit().join();
        }
        return sawVideo;
    }
}
