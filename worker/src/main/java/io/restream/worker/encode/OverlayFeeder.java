package io.restream.worker.encode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Feeds the overlay to one encoder run: its frames to the overlay input ({@link OverlayInput}, a
 * loopback socket; converted to yuva420p once per new picture, {@link Yuva420}), and the blend's on/off switch as FFmpeg interactive commands on the
 * encoder's stdin.
 *
 * <p><b>Pacing.</b> FFmpeg's overlay filter uses, for each video frame, the newest overlay frame not
 * later than it, and it can only tell which one that is once it holds the overlay frame after it
 * (framesync): so the overlay must run at least one overlay frame period ahead of the video, or the
 * encoder waits. But no further than needed: every frame already written is shown before a change,
 * so how far ahead the feeder runs is how late a banner change goes on air (at the default 4 fps,
 * 400 ms). It keeps the overlay one period plus {@link #MARGIN_MS} ahead of the newest encoded
 * timestamp (at most {@code leadMs}), and, should the encoder ever wait for it with no output, adds
 * frames slowly so it cannot stall.
 *
 * <p><b>The switch.</b> Blending a transparent frame into every video frame costs the encoder
 * about a tenth of its CPU for nothing, so the filter's timeline {@code enable} follows whether the
 * current frame draws anything (any alpha above 0; looked at once per new frame):
 * <pre>
 *   OFF (blend skipped; frames still fed, framesync needs them) ──a frame that draws──► ON
 *    ▲                                                                                  │
 *    └──────────────────────────── a fully transparent frame ◄─────────────────────────┘
 * </pre>
 * A run starts in the state its arguments were built with ({@link EncoderCommand#args(String,
 * boolean)}); each edge is one {@code c<filter> -1 enable <0|1>} line on stdin, which FFmpeg reads
 * within 100 ms. Switching on at once, while the frames ahead are still transparent, blends
 * nothing for up to one lead; switching off at once takes the banner off up to one lead early.
 * Neither restarts anything.
 */
final class OverlayFeeder implements Runnable {
    /**
     * No output for this long and the feeder writes a frame every {@link #UNSTICK_PERIOD_NANOS}
     * whether ahead or not. Output normally moves every frame (33 ms). When the source closes, FFmpeg
     * ends only once its overlay demuxer returns from a read. At 1 s / 250 ms, an encoded job's
     * standby reached the receiver 1.7 s after the source closed; at 300 / 100 ms it takes 0.8 s
     * (SourceLossIT, quiet machine). A frame written ahead during a real stall only delays the
     * feeder's next writes until the output has caught up.
     */
    private static final long UNSTICK_AFTER_NANOS = 300_000_000L;
    private static final long UNSTICK_PERIOD_NANOS = 100_000_000L;
    /**
     * Beyond one overlay period: the newest encoded timestamp lags the frame the filter works on by
     * about a video frame (33 ms at 30 fps; x264 runs with zerolatency, no frame delay), and the
     * feeder looks every 20 ms. 150 ms covers both with room for a busy machine.
     */
    static final int MARGIN_MS = 150;

    private final OverlayInput input;
    private final OutputStream commands;
    private final Supplier<byte[]> frames;
    private final IntSupplier encodedTimestampMs;
    private final int overlayFps;
    private final int width;
    private final int height;
    private final int leadMs;
    private volatile boolean stopped;
    private boolean on;
    private byte[] lastFrame;

    /**
     * @param input where the run's FFmpeg reads the overlay frames
     * @param commands the run's stdin (FFmpeg's interactive commands)
     * @param frames the current overlay frame (width × height × 4 bytes, RGBA), written as yuva420p
     * @param on whether the run was started with the blend on
     * @param encodedTimestampMs the newest timestamp the encoder has output in this run, or -1
     * @param leadMs the most the overlay may run ahead of it
     */
    OverlayFeeder(OverlayInput input, OutputStream commands, Supplier<byte[]> frames, boolean on, IntSupplier encodedTimestampMs,
            int width, int height, int overlayFps, int leadMs) {
        this.width = width;
        this.height = height;
        this.input = input;
        this.commands = commands;
        this.on = on;
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
        try (input) {
            input.accept();
            ByteBuffer transparent = Yuva420.transparent(width, height);
            ByteBuffer current = transparent;
            while (!stopped) {
                byte[] frame = frames.get();
                // A frame of another size never comes (the renderer has the output size); one would
                // throw in the conversion and end the feed, so it is left out.
                if (frame != lastFrame && frame.length == width * height * 4) {
                    lastFrame = frame;
                    boolean draws = draws(frame);
                    current = draws ? Yuva420.fromRgba(frame, width, height) : transparent;
                    switchTo(draws);
                }
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
                    input.write(current);
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

    /** Whether the blend is on now (the feeder's thread). */
    boolean on() { return on; }

    /** Takes the edge to {@code wanted} when it is not the state already: one command line on stdin. */
    void switchTo(boolean wanted) throws IOException {
        if (wanted == on) return;
        commands.write(command(wanted));
        commands.flush();
        on = wanted;
    }

    /** FFmpeg's interactive command that switches the blend: {@code c<target> <time> <command> <arg>}, now. */
    static byte[] command(boolean on) {
        return ("c" + EncoderCommand.OVERLAY_FILTER + " -1 enable " + (on ? "1" : "0") + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether an RGBA frame draws anything: any alpha above 0. */
    static boolean draws(byte[] rgba) {
        for (int i = 3; i < rgba.length; i += 4) {
            if (rgba[i] != 0) return true;
        }
        return false;
    }
}
