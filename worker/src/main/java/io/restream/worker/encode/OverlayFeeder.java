package io.restream.worker.encode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Writes the overlay's RGBA frames to the encoder's stdin. FFmpeg's overlay filter uses, for each
 * video frame, the newest overlay frame not later than it, and waits when it has none. So the
 * overlay must run a little ahead of the video, but not far: how far ahead it runs is how late a
 * banner change shows. This feeder keeps it {@code leadMs} ahead of the newest encoded timestamp,
 * and, should the encoder ever wait for it with no output, adds frames slowly so it cannot stall.
 */
final class OverlayFeeder implements Runnable {
    private static final long UNSTICK_AFTER_NANOS = 1_000_000_000L;
    private static final long UNSTICK_PERIOD_NANOS = 250_000_000L;

    private final OutputStream stdin;
    private final Supplier<byte[]> frames;
    private final IntSupplier encodedTimestampMs;
    private final int overlayFps;
    private final int leadMs;
    private volatile boolean stopped;

    /**
     * @param frames the current overlay frame (width × height × 4 bytes, RGBA)
     * @param encodedTimestampMs the newest timestamp the encoder has output in this run, or -1
     */
    OverlayFeeder(OutputStream stdin, Supplier<byte[]> frames, IntSupplier encodedTimestampMs, int overlayFps, int leadMs) {
        this.stdin = stdin;
        this.frames = frames;
        this.encodedTimestampMs = encodedTimestampMs;
        this.overlayFps = overlayFps;
        this.leadMs = leadMs;
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
