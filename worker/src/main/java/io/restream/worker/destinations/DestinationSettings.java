package io.restream.worker.destinations;

import java.time.Duration;

/**
 * How destinations behave.
 *
 * @param backoffMin first reconnect pause
 * @param backoffMax longest reconnect pause
 * @param stallTimeout a pusher that sends nothing for this long is killed and reconnected
 * @param queueBytes a destination's queue bound; beyond it it drops whole GOPs
 * @param stopGrace how long a pusher may take to end its stream before it is killed
 */
public record DestinationSettings(Duration backoffMin, Duration backoffMax, Duration stallTimeout, long queueBytes, Duration stopGrace) {}
