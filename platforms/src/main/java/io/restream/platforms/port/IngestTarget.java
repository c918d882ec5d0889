package io.restream.platforms.port;

import io.restream.core.crypto.Secret;

/**
 * Where one job pushes for one destination.
 *
 * @param pushUrl the full RTMP/RTMPS URL including the stream key; a {@link Secret} so that it never
 *     reaches a log line (log {@link io.restream.core.net.Redact#url} of it instead)
 * @param watchUrl where viewers watch, or null when the platform has none
 * @param broadcastId the platform's id of this broadcast (YouTube broadcast, Facebook live video), or null
 */
public record IngestTarget(Secret pushUrl, String watchUrl, String broadcastId) {}
