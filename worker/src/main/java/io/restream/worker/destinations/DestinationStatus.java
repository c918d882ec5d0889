package io.restream.worker.destinations;

import io.restream.core.model.BroadcastState;
import io.restream.core.model.ErrorInfo;

/**
 * One consistent view of a destination: its state, the error that goes with that state (null when
 * live), the reconnect count and the bit rate, all changed together under the destination's lock,
 * so that a reader never sees {@code live} with the previous error.
 */
public record DestinationStatus(BroadcastState state, ErrorInfo error, int reconnects, Integer bitrateKbps) {
    DestinationStatus withBitrate(Integer kbps) { return new DestinationStatus(state, error, reconnects, kbps); }
}
