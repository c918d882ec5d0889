package io.restream.worker.source;

import io.restream.core.net.Redact;

/**
 * A WebRTC source to pull: a WHEP endpoint, or a Cloudflare Realtime (Calls) app and the
 * publisher's session in it.
 *
 * @param url the WHEP endpoint (with the id in it), or the Calls app base {@code https://…/v1/apps/<appId>}
 * @param publisherSessionId the job's {@code publisherSessionId}
 * @param token the bearer token for this endpoint, or null; never printed
 */
public record WebRtcTarget(Kind kind, String url, String publisherSessionId, String token) {
    /** Which signalling. */
    public enum Kind { WHEP, CALLS }

    @Override
    public String toString() { return "WebRtcTarget[" + kind + " " + Redact.url(url) + "]"; }
}
