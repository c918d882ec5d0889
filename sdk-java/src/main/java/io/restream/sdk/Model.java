package io.restream.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The API's records as this client sees them (unknown fields are ignored, so newer servers work). */
public final class Model {
    private Model() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Connection(String id, String platform, String platformUsername, String platformUserId,
                             long connectedAt, boolean needsReconnect) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Overlay(String htmlBanner, String topBanner, String bottomBanner, Boolean hideTop, Boolean hideBottom, Boolean enabled) {
        public static Overlay top(String url) { return new Overlay(null, url, null, null, null, null); }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ErrorInfo(String code, String message) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Broadcast(String destination, String platform, String state, String watchUrl, String broadcastId,
                            ErrorInfo error, int reconnects, Integer bitrateKbps) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stats(double fps, int bitrateKbps, long droppedFrames, double speed, long uptimeMs) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Job(String id, String userId, String status, String publisherSessionId, List<String> destinations,
                      List<String> trackNames, Overlay overlay, boolean recording, List<Broadcast> broadcasts,
                      Stats stats, ErrorInfo error, String supersededBy, long createdAt, Long startedAt, Long endedAt) {
        /** Queued, running or stopping. */
        public boolean active() {
            return "queued".equals(status) || "running".equals(status) || "stopping".equals(status);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Comment(String id, String platform, String author, String authorAvatar, String message, long timestamp) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Viewers(long total, Map<String, Long> platforms, long updatedAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SendResult(String platform, boolean ok, ErrorInfo error) {}

    /** A pasted URL and stream key (Instagram, custom destinations). */
    public record Ingest(String url, String streamKey) {
        @Override public String toString() { return "Ingest[" + url + ", key redacted]"; }
    }

    /** A goLive request; build it with {@link GoLive#to}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GoLive(String publisherSessionId, List<String> destinations, Overlay overlay, Boolean recording,
                         List<String> trackNames, Map<String, Ingest> ingest) {
        public static GoLive to(String publisherSessionId, List<String> destinations) {
            return new GoLive(publisherSessionId, destinations, null, null, null, null);
        }

        public GoLive withOverlay(Overlay o) { return new GoLive(publisherSessionId, destinations, o, recording, trackNames, ingest); }
        public GoLive withRecording(boolean r) { return new GoLive(publisherSessionId, destinations, overlay, r, trackNames, ingest); }
        public GoLive withTracks(List<String> t) { return new GoLive(publisherSessionId, destinations, overlay, recording, t, ingest); }
        public GoLive withIngest(Map<String, Ingest> i) { return new GoLive(publisherSessionId, destinations, overlay, recording, trackNames, i); }
    }
}
