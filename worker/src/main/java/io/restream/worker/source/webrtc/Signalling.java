package io.restream.worker.source.webrtc;

import io.restream.worker.source.SourceException;

/** How one WebRTC session is negotiated with a server and ended there (WHEP, Cloudflare Realtime). */
interface Signalling {
    /**
     * Negotiates through the helper; returns once the helper has the remote description.
     *
     * @throws SourceException {@code source_unavailable}: refused, unknown session or track, unreachable, too late
     */
    void connect(PullProcess helper, long deadlineNanos) throws SourceException, InterruptedException;

    /** Ends the session at the server (everything this object opened); never throws. */
    void close();
}
