package io.restream.worker.fanout;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One consumer's bounded queue of FLV bytes. The hub offers without ever blocking; when the queue
 * is full the consumer is too slow, so every queued media tag is dropped and the feed waits for the
 * next key frame: whole GOPs go, the decoder never sees a broken one. Headers (FLV header, metadata,
 * sequence headers) are never dropped.
 *
 * <p><b>Wakes.</b> An audio tag does not wake the consumer: it waits for the video tag that
 * follows (at most a frame, 33 ms at 30 fps), so a consumer that {@link #drainTo drains} is woken
 * and writes once a video frame, not once a tag (audio comes about 47 times a second). Without
 * video (a stream that has none) the consumer is woken every {@link #AUDIO_TAGS_PER_WAKE} audio
 * tags.
 */
public final class Feed implements AutoCloseable {
    /** Audio tags that may queue before the consumer is woken without a video tag: about 170 ms. */
    static final int AUDIO_TAGS_PER_WAKE = 8;

    private final String name;
    private final long maxBytes;
    /** Queued bytes; {@code keep} marks headers, which a drop never removes. */
    private record Entry(byte[] bytes, boolean keep) {}

    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private long queuedBytes;
    private int audioSinceWake;
    private long wakes;
    private boolean waitingForKeyframe;
    private boolean closed;
    private long droppedGops;
    private long bytesOut;

    Feed(String name, long maxBytes) {
        this.name = name;
        this.maxBytes = maxBytes;
    }

    public String name() { return name; }

    /** Queues bytes ahead of the live tags; headers ({@code keep}) survive a drop. */
    synchronized void prime(byte[] bytes, boolean keep) {
        queue.add(new Entry(bytes, keep));
        queuedBytes += bytes.length;
    }

    synchronized void waitForKeyframe() {
        waitingForKeyframe = true;
    }

    synchronized void offer(FlvTag tag, byte[] wire) {
        if (closed) return;
        boolean header = tag.isSequenceHeader() || tag.isScript();
        if (waitingForKeyframe && !header) {
            if (!tag.isKeyframe()) return;
            waitingForKeyframe = false;
        }
        if (queuedBytes + wire.length > maxBytes && !header) {
            queue.removeIf(e -> !e.keep());
            queuedBytes = queue.stream().mapToLong(e -> e.bytes().length).sum();
            droppedGops++;
            if (!tag.isKeyframe()) {
                waitingForKeyframe = true;
                notifyAll();
                return;
            }
        }
        queue.add(new Entry(wire, header));
        queuedBytes += wire.length;
        if (tag.isAudio() && !header && ++audioSinceWake < AUDIO_TAGS_PER_WAKE) return;
        audioSinceWake = 0;
        wakes++;
        notifyAll();
    }

    /** The next bytes to write, or null when nothing came within the timeout or the feed is closed. */
    public synchronized byte[] take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (queue.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) return null;
        byte[] next = queue.removeFirst().bytes();
        queuedBytes -= next.length;
        bytesOut += next.length;
        return next;
    }

    /**
     * Waits like {@link #take} for the first bytes, then moves everything queued into {@code into}
     * (in order): the consumer writes them with one flush.
     *
     * @return how many were moved; 0 when nothing came within the timeout or the feed is closed
     */
    public synchronized int drainTo(List<byte[]> into, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (queue.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return 0;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) return 0;
        int moved = queue.size();
        for (Entry e : queue) into.add(e.bytes());
        queue.clear();
        bytesOut += queuedBytes;
        queuedBytes = 0;
        audioSinceWake = 0;
        return moved;
    }

    /** How many times an offer has woken the consumer: about once a video frame, not once a tag. */
    synchronized long wakes() { return wakes; }

    public synchronized boolean isClosed() { return closed; }

    /** How many times this feed dropped its queue because its consumer fell behind. */
    public synchronized long droppedGops() { return droppedGops; }

    public synchronized long bytesOut() { return bytesOut; }

    public synchronized long queuedBytes() { return queuedBytes; }

    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
        queuedBytes = 0;
        notifyAll();
    }
}
