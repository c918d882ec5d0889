package io.restream.worker.encode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Writes the overlay's RGBA frames to the encoder's stdin. FFmpeg's overlay filter uses, for each
 * video frame, the newest overlay frame not later than it, and it can only tell which one that is
 * once it holds the overlay frame after it (framesync): so the overlay must run at least one overlay
 * frame period ahead of the video, or the encoder waits. But no further than needed: every frame
 * already written is shown before a change, so how far ahead the feeder runs is how late a banner
 * change goes on air (it was a fixed 500 ms; at the default 4 fps it is now 400 ms). It keeps the
 * overlay one period plus {@link #MARGIN_MS} ahead of the newest encoded timestamp (at most
 * {@code leadMs}), and, should the encoder ever wait for it with no output, adds frames slowly so
 * it cannot stall.
 */
final class OverlayFeeder implements Runnable {
    private static final long UNSTICK_AFTER_NANOS = 1_000_000_000L;
    private static final long UNSTICK_PERIOD_NANOS = 250_000_000L;
    /**
     * Beyond one overlay period: the newest encoded timestamp lags the frame the filter works on by
     * about a video frame (33 ms at 30 fps; x264 runs with zerolatency, no frame delay), and the
     * feeder looks every 20 ms. 150 ms covers both with room for a busy machine.
     */
    static final int MARGIN_MS = 150;

    private final OutputStream stdin;
    private final Supplier<byte[]> frames;
    private final IntSupplier encodedTimestampMs;
    private final int overlayFps;
    private final int leadMs;
    private volatile boolean stopped;

    /**
     * @param frames the current overlay frame (width × height × 4 bytes, RGBA)
     * @param encodedTimestampMs the newest timestamp the encoder has output in this run, or -1
     * @param leadMs the most the overlay may run ahead of it
     */
    OverlayFeeder(OutputStream stdin, Supplier<byte[]> frames, IntSupplier encodedTimestampMs, int overlayFps, int leadMs) {
        this.stdin = stdin;
        this.frames = frames;
        this.encodedTimestampMs = encodedTimestampMs;
        this.overlayFps = overlayFps;
        this.leadMs = leadFor(overlayFps, leadMs);
    }

    /** One overlay frame period plus {@link #MARGIN_MS}, but not over {@code maxLeadMs}. */
    static int leadFor(int overlayFps, int maxLeadMs) {
        return Math.min(maxLeadMs, 1000 / Math.max(1, overlayFps) + MARGIN_MS);
    }

    void stop() { stopped = true; }

    @Override
    public void run() {
        long written = 0;
        int lastSeenTs = -1;
        long lastOutputChange = System.nanoTime();
        long lastWrite = 0;
        try (stdin) {
            while (!stopped) {
                int ts = encodedTimestampMs.getAsInt();
                long now = System.nanoTime();
                if (ts != lastSeenTs) {
                    lastSeenTs = ts;
                    lastOutputChange = now;
                }
                long nextFrameMs = written * 1000 / overlayFps;
                boolean ahead = nextFrameMs > Math.max(ts, 0) + leadMs;
                boolean stuck = now - lastOutputChange > UNSTICK_AFTER_NANOS && now - lastWrite > UNSTICK_PERIOD_NANOS;
                if (!ahead || stuck) {
                    stdin.write(frames.get());
                    stdin.flush();
                    written++;
                    lastWrite = System.nanoTime();
                } else {
                    LockSupport.parkNanos(20_000_000L);
                }
            }
        } catch (IOException e) {
            // The encoder went away; its supervisor handles that.
        }
    }
}
