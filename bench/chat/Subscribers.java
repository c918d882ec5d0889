import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiConsumer;

/**
 * The bench's SSE subscribers: {@code users × perUser} streams of {@code GET /api/v1/events}, opened
 * with at most {@code openConcurrency} openings in flight (a stream counts as open once its opening
 * replay, which ends with the {@code connections} event, has arrived). A {@code 503} while opening is
 * retried after a second, as an {@code EventSource} would, and counted; any other failure ends the
 * run through {@code fail}. Each user's streams have an HTTP client of their own: one Vert.x pool of
 * 10,000 connections spends seconds of its event loop per pool check.
 *
 * <p>Every message ({@code "message":"b:<seq>:<sentNanos>"}) is checked to arrive exactly once per
 * stream; its latency (arrival − send, both {@code System.nanoTime()} of this JVM) goes into a 0.1 ms
 * histogram once {@code seq ≥ warmup}.
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
    private final Vertx vertx;
    private final URI base;
    private final String key;
    private final List<String> userIds;
    private final int perUser;
    private final int warmup;
    private final BiConsumer<String, Throwable> fail;
    private final List<HttpClient> clients = new ArrayList<>();
    private final List<io.vertx.core.Context> loops = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    /** Per user, the seen-sets of its streams (for the loss count against what reached the chat log). */
    final List<List<BitSet>> seenByUser = new ArrayList<>();

    Subscribers(Vertx vertx, int loopCount, String api, String key, List<String> userIds, int perUser, int warmup, int buckets,
            BiConsumer<String, Throwable> fail) {
        this.vertx = vertx;
        this.base = URI.create(api);
        this.key = key;
        this.userIds = userIds;
        this.perUser = perUser;
        this.warmup = warmup;
        this.histogram = new AtomicLongArray(buckets);
        this.fail = fail;
        // A new context on the next event loop each (getOrCreateContext() keeps giving the calling thread the same one).
        for (int l = 0; l < loopCount; l++) loops.add(((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext());
        for (int u = 0; u < userIds.size(); u++) {
            clients.add(vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(perUser + 1)));
            seenByUser.add(java.util.Collections.synchronizedList(new ArrayList<>()));
        }
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
        // Streams dealt over the loops in turn (a user's too, as the API's own loops take them): a request
        // made inside a handler would otherwise stay on the loop of the stream that finished opening,
        // and every stream would end up on one loop.
        loops.get(i / userIds.size() % loops.size()).runOnContext(v -> open(user, seen));
    }

    private void open(int user, BitSet seen) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost()).setPort(base.getPort())
                .setURI("/api/v1/events").putHeader("X-API-Key", key).putHeader("X-User-Id", userIds.get(user))
                .setIdleTimeout(0);
        clients.get(user).request(o).compose(req -> req.send()).onSuccess(res -> {
            if (res.statusCode() == 503) {
                retried503.incrementAndGet();
                res.request().connection().close();
                vertx.setTimer(1000, t -> open(user, seen));
                return;
            }
            if (res.statusCode() != 200) {
                fail.accept("a subscriber's GET /api/v1/events answered " + res.statusCode(), null);
                return;
            }
            read(res, seen);
        }).onFailure(e -> fail.accept("a subscriber could not open its stream", e));
    }

    /** Parsed as bytes, without building strings: the subscribers share the machine's two cores with the API. */
    private void read(HttpClientResponse res, BitSet seen) {
        res.exceptionHandler(e -> dropped.incrementAndGet());
        res.endHandler(v -> dropped.incrementAndGet());
        byte[][] carry = {new byte[0]};
        boolean[] counted = {false};
        res.handler(buf -> {
            long now = System.nanoTime();
            byte[] chunk = buf.getBytes();
            byte[] data = carry[0].length == 0 ? chunk : concat(carry[0], chunk);
            int end = lastNewline(data) + 1;
            if (!counted[0] && indexOf(data, CONNECTIONS, 0, end) >= 0) {
                counted[0] = true;
                ready.incrementAndGet();
                openNext();
            }
            int at = 0;
            while ((at = indexOf(data, MESSAGE, at, end)) >= 0) {
                int p = at + MESSAGE.length;
                int seq = 0;
                while (data[p] != ':') seq = seq * 10 + (data[p++] - '0');
                p++;
                long sentNanos = 0;
                boolean negative = data[p] == '-';
                if (negative) p++;
                while (data[p] != '"') sentNanos = sentNanos * 10 + (data[p++] - '0');
                if (negative) sentNanos = -sentNanos;
                boolean again;
                synchronized (seen) {
                    again = seen.get(seq);
                    if (!again) seen.set(seq);
                }
                if (again) {
                    duplicates.incrementAndGet();
                } else {
                    delivered.incrementAndGet();
                    if (seq >= warmup) histogram.incrementAndGet((int) Math.min(histogram.length() - 1, Math.max(0, now - sentNanos) / 100_000));
                    Stages st = stages;
                    if (st != null) st.delivered(seq, now);
                }
                at = p;
            }
            carry[0] = Arrays.copyOfRange(data, end, data.length);
        });
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

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int lastNewline(byte[] d) {
        for (int i = d.length - 1; i >= 0; i--) if (d[i] == '\n') return i;
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
