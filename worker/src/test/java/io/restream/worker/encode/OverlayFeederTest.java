package io.restream.worker.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How far the overlay runs ahead of the video: one overlay period plus the margin, never over the cap. */
class OverlayFeederTest {
    @Test
    void theLeadIsOneOverlayPeriodPlusTheMarginAndNeverOverTheCap() {
        assertEquals(250 + OverlayFeeder.MARGIN_MS, OverlayFeeder.leadFor(4, 500), "default 4 fps: 400 ms, not 500");
        assertEquals(1000 / 30 + OverlayFeeder.MARGIN_MS, OverlayFeeder.leadFor(30, 500));
        assertEquals(500, OverlayFeeder.leadFor(1, 500), "a 1 s period would need more than the cap allows");
        assertEquals(500, OverlayFeeder.leadFor(0, 500), "a nonsense rate falls back to the cap");
    }

    @Test
    void aFrameDrawsWhenAnyAlphaIsAboveZero() {
        byte[] frame = new byte[8 * 4 * 4];
        assertFalse(OverlayFeeder.draws(frame));
        frame[frame.length - 4] = (byte) 255; // red, but alpha 0: still nothing drawn
        assertFalse(OverlayFeeder.draws(frame));
        frame[frame.length - 1] = 1;
        assertTrue(OverlayFeeder.draws(frame));
    }

    @Test
    void eachEdgeOfTheSwitchIsOneCommandLineAndNoEdgeNoLine() throws Exception {
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        OverlayFeeder f = new OverlayFeeder(null, stdin, () -> new byte[16], false, () -> -1, 2, 2, 4, 500);
        f.switchTo(false);
        assertEquals(0, stdin.size(), "already off: nothing sent");
        f.switchTo(true);
        f.switchTo(true);
        f.switchTo(false);
        assertEquals("coverlay@banner -1 enable 1\ncoverlay@banner -1 enable 0\n", stdin.toString(StandardCharsets.US_ASCII));
        assertFalse(f.on());
        assertArrayEquals("coverlay@banner -1 enable 1\n".getBytes(StandardCharsets.US_ASCII), OverlayFeeder.command(true));
    }
}
