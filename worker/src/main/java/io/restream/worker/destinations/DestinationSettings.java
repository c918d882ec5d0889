package io.restream.worker.destinations;

import java.time.Duration;

/**
 * How destinations behave.
 *
 * @param backoffMin first reconnect pause
 * @param backoffMax longest reconnect pause
 * @param stallTimeout a push whose platform takes nothing for this long is dropped and reconnected (also the connect timeout)
 * @param queueBytes a destination's queue bound; beyond it it drops whole GOPs
 * @param stopGrace how long a stopping push may take before its connection is dropped
 */
public record DestinationSettings(Duration backoffMin, Duration backoffMax, Duration stallTimeout, long queueBytes, Duration stopGrace) {
    /** The worker's configured settings, with 5 s for a stopping push. */
    public static DestinationSettings of(io.restream.worker.WorkerConfig cfg) {
        return new DestinationSettings(Duration.ofMillis(cfg.reconnectMinMs()), Duration.ofMillis(cfg.reconnectMaxMs()),
                Duration.ofMillis(cfg.pushStallMs()), cfg.destinationQueueBytes(), Duration.ofSeconds(5));
    }
}
