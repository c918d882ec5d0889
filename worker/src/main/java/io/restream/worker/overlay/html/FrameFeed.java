package io.restream.worker.overlay.html;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@link HtmlPage} hands to the overlay: its captures decoded to RGBA ({@link Frames}),
 * only when the picture changed (a capture with the same PNG bytes as the last, a still
 * scoreboard, is neither decoded nor composed again), null for "show nothing", and each URL's
 * first frame on air told to {@code onAir} and logged with the parts of the switch. The last
 * decoded frame is kept for {@code enabled:true} after {@code enabled:false}. Page thread only.
 */
final class FrameFeed {
    private static final Logger log = LoggerFactory.getLogger(FrameFeed.class);
    private final String jobId;
    private final Consumer<byte[]> frames;
    private final Runnable onAir;
    private final Frames decoder;
    private boolean showingNothing = true;
    private byte[] lastFrame;
    private byte[] lastPng;
    private boolean announce;

    FrameFeed(String jobId, int width, int height, Consumer<byte[]> frames, Runnable onAir) {
        this.jobId = jobId;
        this.frames = frames;
        this.onAir = onAir;
        this.decoder = new Frames(width, height);
    }

    /** A new URL loads: its first frame will be announced; until then the frame on air stays. */
    void newUrl() {
        announce = true;
        lastFrame = null;
        lastPng = null;
    }

    /**
     * A capture ({@code png}, null = nothing new painted) taken from {@code capturedFrom} to
     * {@code capturedAt} (nanoTime), for a URL asked for at {@code askedAt}.
     */
    void captured(byte[] png, long askedAt, long capturedFrom, long capturedAt) throws IOException {
        if (png != null && !Arrays.equals(png, lastPng)) {
            lastFrame = decoder.decode(png);
            lastPng = png;
        } else if (lastFrame == null || !showingNothing) {
            return; // nothing new painted: the frame on air stays (no decode, no compose)
        }
        frames.accept(lastFrame);
        if (announce) {
            long end = System.nanoTime();
            // The parts of a switch: the load (guard, proxy, DOM) before the capture, the capture, the decode.
            log.info("job {}: html banner on air {} ms after it was asked for (capture {} ms, decode {} ms)", jobId,
                    (end - askedAt) / 1_000_000, (capturedAt - capturedFrom) / 1_000_000, (end - capturedAt) / 1_000_000);
            onAir.run();
        }
        showingNothing = false;
        announce = false;
    }

    void showNothing() {
        if (!showingNothing) frames.accept(null);
        showingNothing = true;
    }

    void close() { decoder.close(); }
}
