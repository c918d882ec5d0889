import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.restream.core.chat.ChatLog;
import io.restream.core.chat.LoggedComment;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a message's time goes, per stage, measured from the driver: the message sent to the simulator
 * ({@code System.nanoTime()} and wall clock), the entry time of the comment in the Redis chat log
 * (the stream id's milliseconds: the Lua append), the PUBLISH as seen by a pub/sub client of this
 * driver subscribed to the same user channels as the API (the API's listener gets it at the same
 * moment), and the subscriber's parse. {@code System.nanoTime()} is CLOCK_MONOTONIC on Linux, so
 * every stage here is on one clock.
 */
final class Stages {
    private final long[] sentNanos;
    private final long[] sentWallMs;
    private final AtomicLongArray publishedNanos;
    private final AtomicLongArray answeredNanos;
    private final AtomicLongArray receivedNanos;
    /** Per message, the first and the last delivery at a subscriber. */
    private final AtomicLongArray firstDelivery;
    private final AtomicLongArray lastDelivery;
    private final Redis redis;
    private final String cid;
    private final List<String> userIds;
    private final StatefulRedisPubSubConnection<String, String> pubSub;

    Stages(Redis redis, String cid, List<String> userIds, int total) throws Exception {
        this.redis = redis;
        this.cid = cid;
        this.userIds = userIds;
        sentNanos = new long[total];
        sentWallMs = new long[total];
        publishedNanos = new AtomicLongArray(total);
        answeredNanos = new AtomicLongArray(total);
        receivedNanos = new AtomicLongArray(total);
        firstDelivery = new AtomicLongArray(total);
        lastDelivery = new AtomicLongArray(total);
        pubSub = redis.pubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                long now = System.nanoTime();
                int at = message.indexOf("\"b:");
                if (at < 0) return;
                int p = at + 3;
                int end = message.indexOf(':', p);
                try {
                    int seq = Integer.parseInt(message.substring(p, end));
                    if (seq < total) publishedNanos.compareAndSet(seq, 0, now);
                } catch (RuntimeException ignored) {
                    // not a bench message
                }
            }
        });
        String[] channels = userIds.stream().map(u -> RedisKeys.events(new UserRef(cid, u))).toArray(String[]::new);
        pubSub.sync().subscribe(channels);
    }

    void sent(int seq, long nanos) {
        sentNanos[seq] = nanos;
        sentWallMs[seq] = System.currentTimeMillis();
    }

    void answered(int seq, long nanos) {
        answeredNanos.set(seq, nanos);
    }

    /** The aggregator's chat source handed over a comment ({@code b:<seq>:<nanos>}). */
    void received(String message, long nanos) {
        if (!message.startsWith("b:")) return;
        int seq = Integer.parseInt(message.substring(2, message.indexOf(':', 2)));
        if (seq < sentNanos.length) receivedNanos.compareAndSet(seq, 0, nanos);
    }

    void delivered(int seq, long nanos) {
        if (seq >= sentNanos.length) return;
        firstDelivery.compareAndSet(seq, 0, nanos);
        lastDelivery.accumulateAndGet(seq, nanos, Math::max);
    }

    void report(ChatLog log, int warmup) throws Exception {
        int n = sentNanos.length;
        long[] appendMs = new long[n];
        for (String uid : userIds) {
            for (LoggedComment c : log.latest(new UserRef(cid, uid), 1000).toCompletableFuture().get()) {
                String m = c.comment().message();
                if (!m.startsWith("b:")) continue;
                int seq = Integer.parseInt(m.substring(2, m.indexOf(':', 2)));
                if (seq < n) appendMs[seq] = Long.parseLong(c.logId().substring(0, c.logId().indexOf('-')));
            }
        }
        long[] toAnswer = new long[n];
        long[] toReceived = new long[n];
        long[] receivedToPub = new long[n];
        long[] toLog = new long[n];
        long[] toPub = new long[n];
        long[] pubToFirst = new long[n];
        long[] pubToLast = new long[n];
        int k = 0;
        for (int seq = warmup; seq < n; seq++) {
            if (appendMs[seq] == 0 || publishedNanos.get(seq) == 0 || lastDelivery.get(seq) == 0) continue;
            if (answeredNanos.get(seq) == 0 || receivedNanos.get(seq) == 0) continue;
            toAnswer[k] = answeredNanos.get(seq) - sentNanos[seq];
            toReceived[k] = receivedNanos.get(seq) - sentNanos[seq];
            receivedToPub[k] = publishedNanos.get(seq) - receivedNanos.get(seq);
            toLog[k] = (appendMs[seq] - sentWallMs[seq]) * 1_000_000;
            toPub[k] = publishedNanos.get(seq) - sentNanos[seq];
            pubToFirst[k] = firstDelivery.get(seq) - publishedNanos.get(seq);
            pubToLast[k] = lastDelivery.get(seq) - publishedNanos.get(seq);
            k++;
        }
        System.out.printf("stages (%d messages after warm-up with every timestamp), p50 / p90 / p99 / max in ms:%n", k);
        line("sent to the simulator -> its answer (the EventSub frames written)", toAnswer, k);
        line("sent to the simulator -> the aggregator's Twitch source handed it over", toReceived, k);
        line("aggregator handed over -> PUBLISH seen by a pub/sub client", receivedToPub, k);
        line("sent to the simulator -> chat log entry (Redis clock, 1 ms steps)", toLog, k);
        line("sent to the simulator -> PUBLISH seen by a pub/sub client", toPub, k);
        line("PUBLISH -> first subscriber of the user parsed it", pubToFirst, k);
        line("PUBLISH -> last of the user's subscribers parsed it", pubToLast, k);
        pubSub.close();
    }

    private static void line(String what, long[] v, int k) {
        long[] a = java.util.Arrays.copyOf(v, k);
        java.util.Arrays.sort(a);
        if (k == 0) return;
        System.out.printf("  %-70s %8.1f %8.1f %8.1f %8.1f%n", what, a[(int) (k * 0.5)] / 1e6, a[(int) (k * 0.9)] / 1e6,
                a[Math.min(k - 1, (int) (k * 0.99))] / 1e6, a[k - 1] / 1e6);
    }
}
