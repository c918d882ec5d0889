package io.restream.sim.webrtc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator's WebRTC publishers and what receivers did with them. A publisher session id that
 * starts with {@value #PREFIX} is live (tracks {@code video} and {@code audio}); any other id is
 * unknown. Every receiver gets a {@link PublisherPeer} of its own; the log of ends (WHEP
 * {@code DELETE}s, Calls {@code tracks/close}) is kept for tests.
 */
public final class WebRtcPublishers implements AutoCloseable {
    public static final String PREFIX = "webrtc-";
    public static final List<String> TRACKS = List.of("video", "audio");
    /** More receivers than this at once are refused (each is a real encoder). */
    static final int MAX_PEERS = 16;

    /** An end asked by a receiver: {@code kind} {@code whep-delete} or {@code calls-close}. */
    public record End(String kind, String session, List<String> mids, boolean force, String authorization) {}

    /** A request that opened a session, with its credentials as sent (for tests of the bearer token). */
    public record Opened(String kind, String publisherSessionId, String authorization, List<String> offeredKinds) {}

    private final Map<String, PublisherPeer> peers = new ConcurrentHashMap<>();
    private final List<End> ends = new CopyOnWriteArrayList<>();
    private final List<Opened> opened = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean paused;

    public static boolean isLive(String publisherSessionId) {
        return publisherSessionId != null && publisherSessionId.startsWith(PREFIX) && publisherSessionId.length() > PREFIX.length();
    }

    /** A new peer under a fresh id, or null when {@link #MAX_PEERS} are open. */
    synchronized String add(PublisherPeer peer) {
        if (peers.size() >= MAX_PEERS) return null;
        String id = "p" + next.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        peers.put(id, peer);
        return id;
    }

    PublisherPeer peer(String id) { return peers.get(id); }

    /** Closes and forgets a peer; false when there was none. */
    boolean close(String id) {
        PublisherPeer p = peers.remove(id);
        if (p == null) return false;
        p.close();
        return true;
    }

    /** A new publisher peer that honours {@link #pauseAll}. */
    PublisherPeer newPeer() { return new PublisherPeer(() -> paused); }

    /** Every publisher stops (or resumes) sending while its connections stay up: how a publisher leaving looks. */
    public void pauseAll(boolean pause) { paused = pause; }

    void ended(End end) { ends.add(end); }

    void opened(Opened o) { opened.add(o); }

    /** Receivers connected right now. */
    public int activePeers() { return peers.size(); }

    public List<End> ends() { return List.copyOf(ends); }

    public List<Opened> opened() { return List.copyOf(opened); }

    @Override
    public void close() {
        for (String id : List.copyOf(peers.keySet())) close(id);
    }
}
