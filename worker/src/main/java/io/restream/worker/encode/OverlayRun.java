package io.restream.worker.encode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The overlay side of one FFmpeg run (the encoder's, or the standby's): the run's overlay input
 * ({@link OverlayInput}), whether its blend starts on, the FFmpeg arguments that read it, and the
 * feeder thread ({@link OverlayFeeder}) once the run is started. {@link #close()} stops the feeder
 * and closes the input; a run that never started just closes.
 */
final class OverlayRun implements AutoCloseable {
    /** How far ahead of the run's output the overlay may run at most (see {@link OverlayFeeder}). */
    static final int LEAD_MS = 500;

    private final OverlayInput input;
    private final Supplier<byte[]> frames;
    private final boolean startsOn;
    private volatile OverlayFeeder feeder;

    private OverlayRun(OverlayInput input, Supplier<byte[]> frames) {
        this.input = input;
        this.frames = frames;
        this.startsOn = OverlayFeeder.draws(frames.get());
    }

    /** A new input for {@code frames} (the job's current RGBA overlay frame). */
    static OverlayRun open(Supplier<byte[]> frames) throws IOException {
        return new OverlayRun(OverlayInput.open(), frames);
    }

    /** Whether the run is started with the blend on: the current frame draws something. */
    boolean startsOn() { return startsOn; }

    /**
     * The input options for the overlay, given in full so FFmpeg probes nothing: the feeder writes only
     * about the lead's worth of frames (2 at 4 fps, 4.6 MB) before the first output, under the default
     * 5 MB probe, and FFmpeg would wait for more that come only when it is stuck.
     */
    static List<String> inputArgs(String url, int width, int height, int fps) {
        return List.of("-probesize", "32", "-fpsprobesize", "0", "-analyzeduration", "0",
                "-f", "rawvideo", "-pixel_format", "yuva420p", "-video_size", width + "x" + height,
                "-framerate", Integer.toString(fps), "-i", url);
    }

    /**
     * The blend of input {@code index} over {@code [base]} into {@code [vout]}, named for the on/off
     * commands. {@code shortest=1}: the output ends with the picture. Without it the overlay filter
     * carries on past the end of its main input (framesync repeats the last picture for as long as
     * overlay frames come, and the feeder never stops sending them), so an encoder whose source
     * closed did not exit and the loss was only seen by the stall watchdog, 8–10 s of nothing on air
     * later. The overlay input itself ends only when its run does.
     */
    static String blend(int index, boolean on) {
        return "[base][" + index + ":v]" + EncoderCommand.OVERLAY_FILTER + "=0:0:eof_action=repeat:shortest=1:format=yuv420:enable="
                + (on ? 1 : 0) + "[vout]";
    }

    /** What FFmpeg opens as the overlay input. */
    String url() { return input.url(); }

    /**
     * Starts feeding the started run: {@code commands} is its stdin, {@code outputTimestampMs} the
     * newest timestamp it has output (or -1).
     */
    void feed(String name, OutputStream commands, IntSupplier outputTimestampMs, int width, int height, int fps) {
        OverlayFeeder f = new OverlayFeeder(input, commands, frames, startsOn, outputTimestampMs, width, height, fps, LEAD_MS);
        feeder = f;
        Thread t = new Thread(f, "overlay-" + name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        OverlayFeeder f = feeder;
        if (f != null) f.stop();
        input.close();
    }
}
