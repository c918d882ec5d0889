package io.restream.platforms.port;

import io.restream.core.connections.StoredConnection;

/**
 * The going-live port of a platform: before a job pushes to a destination it asks for the ingest
 * target (Twitch: stream key + ingest; YouTube: a broadcast bound to the reusable stream; Facebook:
 * a live video; custom/Instagram: the pasted URL and key), and after the last push it ends the
 * broadcast where the platform has such a call. Implementations block (HTTP calls): call them off
 * the event loop.
 */
public interface BroadcastSetup {
    /**
     * @throws PlatformException with a code for the job's broadcast error (e.g. {@code platform_error},
     *     {@code needs_reconnect}) when the platform refuses
     */
    IngestTarget start(StoredConnection connection, JobContext job) throws PlatformException;

    /** Ends the platform-side broadcast started for this job; best effort, never throws. */
    default void end(StoredConnection connection, JobContext job, IngestTarget target) {}
}
