package io.restream.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One destination of a job as it is being pushed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Broadcast(
        String destination,
        Platform platform,
        BroadcastState state,
        String watchUrl,
        String broadcastId,
        ErrorInfo error,
        int reconnects,
        Integer bitrateKbps) {

    public static Broadcast pending(String destination, Platform platform) {
        return new Broadcast(destination, platform, BroadcastState.PENDING, null, null, null, 0, null);
    }

    public Broadcast withState(BroadcastState newState, ErrorInfo newError) {
        return new Broadcast(destination, platform, newState, watchUrl, broadcastId, newError, reconnects, bitrateKbps);
    }
}
