package io.restream.worker.fanout;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One consumer's bounded queue of FLV bytes. The hub offers without ever blocking; when the queue
 * is full the consumer is too slow, so everything queued is dropped and the feed waits for the next
 * key frame: whole GOPs go, the decoder never sees a broken one. Sequence headers always pass.
 */
public final class Feed implements AutoCloseable {
    private final String name;
    private final long maxBytes;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean waitingForKeyframe;
    private boolean closed;
    private long droppedGops;
    private long bytesOut;

    Feed(String name, long maxBytes) {
        this.name = name;
        this.maxBytes = maxBytes;
    }

    public String name() { return name; }

    synchronized void prime(byte[] bytes) {
        queue.add(bytes);
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
            queue.clear();
            queuedBytes = 0;
            droppedGops++;
            if (!tag.isKeyframe()) {
                waitingForKeyframe = true;
                notifyAll();
                return;
            }
        }
        queue.add(wire);
        queuedBytes += wire.length;
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
        byte[] next = queue.removeFirst();
        queuedBytes -= next.length;
        bytesOut += next.length;
        return next;
    }

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
