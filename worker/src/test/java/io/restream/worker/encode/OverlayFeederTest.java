package io.restream.worker.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
