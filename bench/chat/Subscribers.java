import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiConsumer;

/**
 * The bench's SSE subscribers: {@code users × perUser} streams of {@code GET /api/v1/events}, opened
 * with at most {@code openConcurrency} openings in flight (a stream counts as open once its opening
 * replay, which ends with the {@code connections} event, has arrived). A {@code 503} while opening is
 * retried after a second, as an {@code EventSource} would, and counted; any other failure ends the
 * run through {@code fail}.
 *
 * <p><b>A lean client on purpose.</b> Each stream is a plain non-blocking socket on one of
 * {@code loopCount} selector threads, read into one buffer per thread; the HTTP/1.1 response is
 * read by hand (status line, headers, chunked framing) and the events scanned as bytes. 10,000
 * browsers would sit on other machines; here the subscribers share two cores with the API, so
 * every microsecond they spend per delivery is taken from the API and shows up as latency. The
 * Vert.x HTTP client this replaced (until 2026-12-01) spent about 28 µs of CPU per delivery and
 * twice the API's CPU for the whole driver.
 *
 * <p>Every message ({@code "message":"b:<seq>:<sentNanos>"}) is checked to arrive exactly once per
 * stream; its latency (arrival − send, both {@code System.nanoTime()} of this JVM, arrival taken
 * when the read that completed the event returned) goes into a 0.1 ms histogram once
 * {@code seq ≥ warmup}.
 */
final class Subscribers {
    static final byte[] MESSAGE = "\"message\":\"b:".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CONNECTIONS = "event: connections".getBytes(StandardCharsets.US_ASCII);

    final AtomicLongArray histogram;
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicInteger ready = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final AtomicInteger retried503 = new AtomicInteger();

    /** Per-stage timings of the run (set before the messages start). */
    volatile Stages stages;
    private final InetSocketAddress address;
    private final String key;
    private final List<String> userIds;
    private final int perUser;
    private final int warmup;
    private final BiConsumer<String, Throwable> fail;
    private final List<Loop> loops = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    /** Per user, the seen-sets of its streams (for the loss count against what reached the chat log). */
    final List<List<BitSet>> seenByUser = new ArrayList<>();

    Subscribers(int loopCount, String api, String key, List<String> userIds, int perUser, int warmup, int buckets,
            BiConsumer<String, Throwable> fail) throws IOException {
        URI base = URI.create(api);
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
        this.key = key;
        this.userIds = userIds;
        this.perUser = perUser;
        this.warmup = warmup;
        this.histogram = new AtomicLongArray(buckets);
        this.fail = fail;
        for (int u = 0; u < userIds.size(); u++) seenByUser.add(java.util.Collections.synchronizedList(new ArrayList<>()));
        for (int l = 0; l < loopCount; l++) loops.add(new Loop("subscribers' loop " + l));
    }

    int total() { return userIds.size() * perUser; }

    /** Starts opening every stream, {@code concurrency} at a time. */
    void open(int concurrency) {
        for (int i = 0; i < Math.min(concurrency, total()); i++) openNext();
    }

    private void openNext() {
        int i = next.getAndIncrement();
        if (i >= total()) return;
        int user = i % userIds.size();
        BitSet seen = new BitSet();
        seenByUser.get(user).add(seen);
        // Streams dealt over the loops in turn, a user's too (as the API's own loops take them).
        loops.get(i / userIds.size() % loops.size()).add(new Stream(user, seen), 0);
    }

    /**
     * Deliveries missing for messages that did reach the chat log ({@code logged.get(u)}: the
     * sequence numbers in user u's log): what the API lost, as opposed to messages the simulated
     * platform or the aggregator never got into Redis.
     */
    long missingOf(List<BitSet> logged) {
        long missing = 0;
        for (int u = 0; u < logged.size(); u++) {
            for (BitSet seen : seenByUser.get(u)) {
                BitSet gap = (BitSet) logged.get(u).clone();
                synchronized (seen) {
                    gap.andNot(seen);
                }
                missing += gap.cardinality();
            }
        }
        return missing;
    }

    /** One selector thread and the streams on it. */
    private final class Loop implements Runnable {
        private final Selector selector = Selector.open();
        private final ConcurrentLinkedQueue<Stream> toOpen = new ConcurrentLinkedQueue<>();
        private final DelayQueue<Retry> retries = new DelayQueue<>();
        private final ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);
        private final byte[] bytes = new byte[in.capacity()];

        Loop(String name) throws IOException {
            Thread t = new Thread(this, name);
            t.setDaemon(true);
            t.start();
        }

        void add(Stream s, long delayMs) {
            if (delayMs > 0) retries.add(new Retry(s, System.nanoTime() + delayMs * 1_000_000L));
            else toOpen.add(s);
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    selector.select(retries.isEmpty() ? 0 : 100);
                    for (Retry r; (r = retries.poll()) != null; ) toOpen.add(r.stream);
                    for (Stream s; (s = toOpen.poll()) != null; ) connect(s);
                    for (SelectionKey k : selector.selectedKeys()) {
                        Stream s = (Stream) k.attachment();
                        try {
                            if (k.isConnectable()) {
                                s.channel.finishConnect();
                                s.channel.write(ByteBuffer.wrap(request(s.user)));
                                k.interestOps(SelectionKey.OP_READ);
                            } else if (k.isReadable()) {
                                read(k, s);
                            }
                        } catch (IOException e) {
                            k.cancel();
                            s.channel.close();
                            if (s.status == 0) fail.accept("a subscriber could not open its stream", e);
                            else dropped.incrementAndGet();
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                fail.accept("a subscribers' selector failed", e);
            }
        }

        private void connect(Stream s) throws IOException {
            s.channel = SocketChannel.open();
            s.channel.configureBlocking(false);
            s.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            s.channel.connect(address);
            s.channel.register(selector, SelectionKey.OP_CONNECT, s);
        }

        private void read(SelectionKey k, Stream s) throws IOException {
            in.clear();
            int n = s.channel.read(in);
            long now = System.nanoTime();
            if (n < 0) {
                k.cancel();
                s.channel.close();
                dropped.incrementAndGet();
                return;
            }
            in.flip();
            in.get(bytes, 0, n);
            s.take(bytes, n, now);
            if (s.status == 503) {
                retried503.incrementAndGet();
                k.cancel();
                s.channel.close();
                add(new Stream(s.user, s.seen), 1000);
            } else if (s.status != 0 && s.status != 200) {
                fail.accept("a subscriber's GET /api/v1/events answered " + s.status, null);
                k.cancel();
                s.channel.close();
            }
        }
    }

    private byte[] request(int user) {
        return ("GET /api/v1/events HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                + "\r\nAccept: text/event-stream\r\nX-API-Key: " + key + "\r\nX-User-Id: " + userIds.get(user) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private record Retry(Stream stream, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) { return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS); }

        @Override
        public int compareTo(Delayed o) { return Long.compare(dueNanos, ((Retry) o).dueNanos); }
    }

    /**
     * One stream's response as it arrives:
     * <pre>
     *   HEAD (status line, headers) ──blank line──► SIZE (chunk size line) ──► DATA (n bytes) ──► SIZE ...
     * </pre>
     * without {@code Transfer-Encoding: chunked} the body is all DATA. Event bytes collect in
     * {@link #events} until a newline, so an event split over reads or chunks is scanned whole.
     */
    private final class Stream {
        final int user;
        final BitSet seen;
        SocketChannel channel;
        int status;
        private boolean chunked;
        private boolean inHead = true;
        private long chunkLeft; // 0: at a line (a size line, or the CRLF after a chunk's data)
        private byte[] head = new byte[0];
        private byte[] line = new byte[64];
        private int lineLength;
        private byte[] events = new byte[8192];
        private int eventsLength;
        private boolean counted;

        Stream(int user, BitSet seen) {
            this.user = user;
            this.seen = seen;
        }

        void take(byte[] b, int n, long now) {
            int p = 0;
            if (inHead) {
                head = Arrays.copyOf(head, head.length + n);
                System.arraycopy(b, 0, head, head.length - n, n);
                String text = new String(head, StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end < 0) return;
                status = Integer.parseInt(text.substring(9, 12));
                chunked = text.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
                inHead = false;
                p = n - (head.length - (end + 4));
                head = null;
                if (status != 200) return;
            }
            while (p < n) {
                if (!chunked) {
                    append(b, p, n - p);
                    p = n;
                } else if (chunkLeft > 0) {
                    int take = (int) Math.min(chunkLeft, n - p);
                    append(b, p, take);
                    p += take;
                    chunkLeft -= take;
                } else {
                    // A size line, or the CRLF that ends a chunk's data (an empty line: skipped).
                    byte c = b[p++];
                    if (c == '\n') {
                        int size = 0;
                        for (int i = 0; i < lineLength; i++) {
                            int d = Character.digit(line[i], 16);
                            if (d < 0) break; // ';' extensions, the '\r'
                            size = size * 16 + d;
                        }
                        if (lineLength > 1) chunkLeft = size; // "\r" alone: the end of the previous chunk's data
                        lineLength = 0;
                    } else if (lineLength < line.length) {
                        line[lineLength++] = c;
                    }
                }
            }
            scan(now);
        }

        private void append(byte[] b, int from, int length) {
            if (eventsLength + length > events.length) events = Arrays.copyOf(events, Math.max(events.length * 2, eventsLength + length));
            System.arraycopy(b, from, events, eventsLength, length);
            eventsLength += length;
        }

        /** Scans the complete lines collected so far and keeps the rest. */
        private void scan(long now) {
            int end = lastNewline(events, eventsLength) + 1;
            if (end == 0) return;
            if (!counted && indexOf(events, CONNECTIONS, 0, end) >= 0) {
                counted = true;
                ready.incrementAndGet();
                openNext();
            }
            int at = 0;
            while ((at = indexOf(events, MESSAGE, at, end)) >= 0) {
                int p = at + MESSAGE.length;
                int seq = 0;
                while (events[p] != ':') seq = seq * 10 + (events[p++] - '0');
                p++;
                long sentNanos = 0;
                boolean negative = events[p] == '-';
                if (negative) p++;
                while (events[p] != '"') sentNanos = sentNanos * 10 + (events[p++] - '0');
                if (negative) sentNanos = -sentNanos;
                delivery(seq, sentNanos, now);
                at = p;
            }
            System.arraycopy(events, end, events, 0, eventsLength - end);
            eventsLength -= end;
        }

        private void delivery(int seq, long sentNanos, long now) {
            boolean again;
            synchronized (seen) {
                again = seen.get(seq);
                if (!again) seen.set(seq);
            }
            if (again) {
                duplicates.incrementAndGet();
                return;
            }
            delivered.incrementAndGet();
            if (seq >= warmup) histogram.incrementAndGet((int) Math.min(histogram.length() - 1, Math.max(0, now - sentNanos) / 100_000));
            Stages st = stages;
            if (st != null) st.delivered(seq, now);
        }
    }

    static int lastNewline(byte[] d, int length) {
        for (int i = length - 1; i >= 0; i--) if (d[i] == '\n') return i;
        return -1;
    }

    static int indexOf(byte[] d, byte[] pat, int from, int end) {
        outer:
        for (int i = from; i <= end - pat.length; i++) {
            if (d[i] != pat[0]) continue;
            for (int k = 1; k < pat.length; k++) if (d[i + k] != pat[k]) continue outer;
            return i;
        }
        return -1;
    }
}
