package io.restream.platforms.pasted;

import io.restream.core.connections.StoredConnection;
import io.restream.core.crypto.Secret;
import io.restream.platforms.port.BroadcastSetup;
import io.restream.platforms.port.IngestTarget;
import io.restream.platforms.port.JobContext;
import io.restream.platforms.port.PlatformException;

/**
 * Destinations without a going-live API (custom RTMP/RTMPS and Instagram): push to the URL and key
 * the streamer pasted, or to the per-job override given with goLive (Instagram issues a new key
 * every session).
 */
public final class PastedIngestSetup implements BroadcastSetup {
    private final String watchUrlPattern;

    /** @param watchUrlPattern e.g. {@code https://www.instagram.com/%s/live/} (username), or null */
    public PastedIngestSetup(String watchUrlPattern) {
        this.watchUrlPattern = watchUrlPattern;
    }

    @Override
    public IngestTarget start(StoredConnection connection, JobContext job) throws PlatformException {
        String id = connection.connection().id();
        JobContext.PastedIngest override = job.ingestOverrides().get(id);
        String url = override != null ? override.url() : connection.secrets().ingestUrl();
        String key = override != null ? override.streamKey() : connection.secrets().streamKey();
        if (url == null || key == null) {
            throw new PlatformException("not_connected", id + " has no ingest URL and stream key");
        }
        String watch = watchUrlPattern == null ? null : String.format(watchUrlPattern, connection.connection().platformUsername());
        return new IngestTarget(Secret.of(joinKey(url, key)), watch, null);
    }

    /** {@code rtmp://host/app} + {@code key} → {@code rtmp://host/app/key}. */
    public static String joinKey(String url, String key) {
        return url.endsWith("/") ? url + key : url + "/" + key;
    }
}
