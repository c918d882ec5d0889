package io.restream.worker.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Takes the encoder's FLV tags and hands them to every {@link Feed}. It keeps what a consumer that
 * joins (or rejoins after a reconnect) needs to start cleanly: the metadata, the sequence headers
 * and the GOP since the last key frame, so that it starts on a key frame at once.
 *
 * <p>The encoder may be restarted (the source dropped and came back): {@link #beginSegment()}
 * makes timestamps continue where they were, so that consumers keep their connections.
 */
public final class FanoutHub {
    private static final int MAX_GOP_TAGS = 2_000;
    private static final int SEGMENT_GAP_MS = 40;

    private final Object lock = new Object();
    private final List<Feed> feeds = new CopyOnWriteArrayList<>();
    private final List<FlvTag> gop = new ArrayList<>();
    private FlvTag metadata;
    private FlvTag videoHeader;
    private FlvTag audioHeader;
    private int base;
    private int segmentStart = -1;
    private int lastTs = -1;
    private volatile int lastSegmentTs = -1;
    private volatile long tags;
    private volatile long bytes;

    /** A new encoder run begins: its timestamps start again near 0 and are shifted to continue. */
    public void beginSegment() {
        synchronized (lock) {
            segmentStart = -1;
            base = lastTs < 0 ? 0 : lastTs + SEGMENT_GAP_MS;
            gop.clear();
            lastSegmentTs = -1;
        }
    }

    /**
     * Called by the one thread that reads the encoder's output. An encoder run's end-of-sequence
     * marker is dropped: the hub's stream goes on across runs, and the marker would also empty the
     * cached GOP.
     */
    public void publish(FlvTag raw) {
        if (raw.isEndOfSequence()) return;
        synchronized (lock) {
            lastSegmentTs = Math.max(lastSegmentTs, raw.timestamp());
            tags++;
            bytes += raw.data().length;
            if (raw.isScript()) {
                if (metadata == null) {
                    metadata = raw.withTimestamp(0);
                    byte[] wire = metadata.encode();
                    for (Feed f : feeds) f.offer(metadata, wire);
                }
                return;
            }
            if (segmentStart < 0) segmentStart = raw.timestamp();
            int ts = Math.max(0, base + raw.timestamp() - segmentStart);
            lastTs = Math.max(lastTs, ts);
            FlvTag tag = raw.withTimestamp(ts);
            if (tag.isSequenceHeader()) {
                if (tag.isVideo()) videoHeader = tag; else audioHeader = tag;
            } else if (tag.isKeyframe()) {
                gop.clear();
                gop.add(tag);
            } else if (!gop.isEmpty() && gop.size() < MAX_GOP_TAGS) {
                gop.add(tag);
            }
            byte[] wire = tag.encode();
            for (Feed f : feeds) f.offer(tag, wire);
        }
    }

    /**
     * A new consumer: it gets the FLV header, metadata, sequence headers and the current GOP first,
     * then every tag as it comes.
     *
     * @param maxBytes the queue bound; beyond it the consumer drops whole GOPs
     */
    public Feed subscribe(String name, long maxBytes) {
        synchronized (lock) {
            Feed feed = new Feed(name, maxBytes);
            feed.prime(FlvTag.fileHeader(), true);
            if (metadata != null) feed.prime(metadata.encode(), true);
            if (videoHeader != null) feed.prime(videoHeader.encode(), true);
            if (audioHeader != null) feed.prime(audioHeader.encode(), true);
            if (gop.isEmpty()) {
                feed.waitForKeyframe();
            } else {
                for (FlvTag t : gop) feed.prime(t.encode(), false);
            }
            feeds.add(feed);
            return feed;
        }
    }

    public void unsubscribe(Feed feed) {
        feeds.remove(feed);
        feed.close();
    }

    /** The timestamp (ms) of the newest tag of the current encoder run, or -1 before its first. */
    public int lastSegmentTimestamp() { return lastSegmentTs; }

    /** The newest timestamp handed out (ms, continuous across encoder runs), or -1. */
    public int lastTimestamp() {
        synchronized (lock) {
            return lastTs;
        }
    }

    public long tagsIn() { return tags; }

    public long bytesIn() { return bytes; }

    /**
     * The video of the current GOP as an FLV file (header, video sequence header, the key frame
     * and what followed it), or null when there is none: the standby picture is its last frame.
     */
    public byte[] currentGopVideo() {
        synchronized (lock) {
            if (gop.isEmpty() || videoHeader == null) return null;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.writeBytes(FlvTag.fileHeader());
            out.writeBytes(videoHeader.encode());
            for (FlvTag t : gop) if (t.isVideo()) out.writeBytes(t.encode());
            return out.toByteArray();
        }
    }

    public boolean hasKeyframe() {
        synchronized (lock) {
            return !gop.isEmpty();
        }
    }
}
