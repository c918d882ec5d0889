package io.restream.sim.ingest;

import io.restream.sim.api.IngestListener;
import io.restream.sim.state.SimState;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every publish session the ingest has seen, by platform. A stream key the platform APIs handed
 * out belongs to that platform; any other key counts as Instagram's (whose keys streamers paste).
 * A key that is already live refuses a second publisher, as the platforms do; so does a key pushed
 * to another platform's application path ({@code app}, {@code live2}, {@code rtmp}) or, for the
 * platforms that take RTMPS only (Kick, Facebook, Instagram), over plain RTMP.
 */
public final class Ingests {
    /** Sessions kept per platform, newest last. */
    static final int HISTORY = 200;
    /** The application path each platform's ingest URLs carry. */
    static final Map<String, String> APP = Map.of("twitch", "app", "youtube", "live2", "kick", "app", "facebook", "rtmp", "instagram", "rtmp");
    static final java.util.Set<String> RTMPS_ONLY = java.util.Set.of("kick", "facebook", "instagram");

    private final SimState state;
    private final Map<String, Deque<IngestStream>> byPlatform = new ConcurrentHashMap<>();
    private final Map<IngestStream, Closeable> connections = new ConcurrentHashMap<>();
    private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();

    public Ingests(SimState state) {
        this.state = state;
    }

    public void listen(IngestListener listener) {
        listeners.add(listener);
    }

    /** A new live session for {@code key}, or null when the platform would refuse it. */
    synchronized IngestStream open(String app, String key, boolean tls, Closeable connection) {
        String platform = state.streamKeyOwner(key).map(SimState.KeyOwner::platform).orElse("instagram");
        String path = app.contains("?") ? app.substring(0, app.indexOf('?')) : app;
        if (!APP.get(platform).equals(path) || (!tls && RTMPS_ONLY.contains(platform))) return null;
        Deque<IngestStream> list = byPlatform.computeIfAbsent(platform, p -> new ConcurrentLinkedDeque<>());
        if (list.stream().anyMatch(s -> s.live() && s.streamKey().equals(key))) return null;
        IngestStream s = new IngestStream(platform, key, app, tls);
        list.addLast(s);
        while (list.size() > HISTORY) list.pollFirst();
        connections.put(s, connection);
        listeners.forEach(l -> l.published(platform, key));
        return s;
    }

    void closed(IngestStream s) {
        s.end();
        if (connections.remove(s) != null) listeners.forEach(l -> l.unpublished(s.platform(), s.streamKey()));
    }

    public List<IngestStream> streams(String platform) {
        return new ArrayList<>(byPlatform.getOrDefault(platform, new ConcurrentLinkedDeque<>()));
    }

    /** The newest session of this key on this platform. */
    public Optional<IngestStream> latest(String platform, String key) {
        List<IngestStream> all = streams(platform);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).streamKey().equals(key)) return Optional.of(all.get(i));
        }
        return Optional.empty();
    }

    /** Cuts every live connection of the platform (fault injection); returns how many. */
    public int drop(String platform) {
        int n = 0;
        for (var e : Map.copyOf(connections).entrySet()) {
            if (e.getKey().platform().equals(platform)) {
                try {
                    e.getValue().close();
                } catch (Exception ignored) {
                    // already closed: the session thread ends it
                }
                n++;
            }
        }
        return n;
    }

    /** Cuts everything (shutdown). */
    void dropAll() {
        for (Closeable c : List.copyOf(connections.values())) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }
}
