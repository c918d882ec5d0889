package io.restream.sdk;

import java.util.List;
import java.util.Objects;

/**
 * What {@link RestreamStudio#goLive} asks for (API.md §4): the publisher's session and where to
 * push it. {@code GoLive.session(id)} uses the destinations {@link RestreamStudio#arm armed} earlier;
 * {@code GoLive.to(id, destinations)} names them.
 *
 * @param publisherSessionId the source (in the sandbox, an id starting with {@code demo-} is a test picture)
 * @param destinations connection ids, or null for the armed ones
 * @param overlay banners from the first frame, or null
 * @param recording also record the output, or null for no
 * @param trackNames {@code audio} and/or {@code video}, or null for both
 * @param title the stream's title on every platform that has one, or null to keep it
 * @param description the stream's description, or null to keep it
 */
public record GoLive(String publisherSessionId, List<String> destinations, Overlay overlay, Boolean recording,
                     List<String> trackNames, String title, String description) {
    public GoLive {
        Objects.requireNonNull(publisherSessionId, "publisherSessionId");
        destinations = destinations == null ? null : List.copyOf(destinations);
        trackNames = trackNames == null ? null : List.copyOf(trackNames);
    }

    /** Goes live with the armed destinations. */
    public static GoLive session(String publisherSessionId) {
        return new GoLive(publisherSessionId, null, null, null, null, null, null);
    }

    /** Goes live to the given connection ids. */
    public static GoLive to(String publisherSessionId, List<String> destinations) {
        return new GoLive(publisherSessionId, Objects.requireNonNull(destinations, "destinations"), null, null, null, null, null);
    }

    public GoLive withDestinations(List<String> d) {
        return new GoLive(publisherSessionId, d, overlay, recording, trackNames, title, description);
    }

    public GoLive withOverlay(Overlay o) {
        return new GoLive(publisherSessionId, destinations, o, recording, trackNames, title, description);
    }

    public GoLive withRecording(boolean r) {
        return new GoLive(publisherSessionId, destinations, overlay, r, trackNames, title, description);
    }

    public GoLive withTrackNames(List<String> t) {
        return new GoLive(publisherSessionId, destinations, overlay, recording, t, title, description);
    }

    public GoLive withTitle(String t, String d) {
        return new GoLive(publisherSessionId, destinations, overlay, recording, trackNames, t, d);
    }
}
