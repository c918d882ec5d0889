package io.restream.worker.destinations;

import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.ErrorInfo;
import io.restream.core.net.Redact;
import io.restream.core.retry.Backoff;
import io.restream.platforms.port.IngestTarget;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.fanout.Feed;
import io.restream.worker.process.StateTable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One destination's push, isolated from every other: its own feed, thread and RTMP connection
 * ({@link RtmpPublisher}, in this JVM: no process per destination).
 *
 * <pre>
 *   PENDING ──start()──► CONNECTING ──bytes reach the platform──► LIVE
 *                           │                                      │ connection drops, stalls, is refused
 *                           └──refused / drops──► RECONNECTING ◄───┘
 *                                                 │      ▲
 *                      after the backoff pause ───┘      └── (1 s, 2 s, 4 s … max; reset after 10 s live)
 *                      a new connection, from the cached key frame ──► LIVE
 *   any ──stop()──► STOPPED  (unpublished and disconnected before stop() returns: the key is free)
 * </pre>
 *
 * State, error, reconnect count and bit rate change together under one lock ({@link #update}) and
 * are read as one {@link DestinationStatus}; the state moves only along {@link #TRANSITIONS}.
 * ({@code FAILED} belongs to destinations whose set-up the platform refused: nothing is pushed to them.)
 *
 * <p>A push counts as stalled only when it is given bytes and the platform does not take them: while
 * the hub has nothing to send (the encoder restarting, a slow machine) the push is idle, not stalled.
 */
public final class Destination {
    private static final Logger log = LoggerFactory.getLogger(Destination.class);
    private static final long POLL_MS = 200;
    private static final Duration STABLE = Duration.ofSeconds(10);

    /** The edges drawn in the class comment. */
    public static final StateTable<BroadcastState> TRANSITIONS = StateTable.of(BroadcastState.class)
            .edge(BroadcastState.PENDING, BroadcastState.CONNECTING, BroadcastState.STOPPED)
            .edge(BroadcastState.CONNECTING, BroadcastState.LIVE, BroadcastState.RECONNECTING, BroadcastState.STOPPED)
            .edge(BroadcastState.LIVE, BroadcastState.RECONNECTING, BroadcastState.STOPPED)
            .edge(BroadcastState.RECONNECTING, BroadcastState.LIVE, BroadcastState.STOPPED)
            .build();

    private final DestinationSpec spec;
    private final String jobId;
    private final String id;
    private final FanoutHub hub;
    private final DestinationSettings settings;
    private final ScheduledExecutorService timers;
    private final Consumer<Destination> onChange;
    private final Backoff backoff;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private final Object lock = new Object();

    private volatile DestinationStatus status;
    /** Checks a user-given push URL again before every (re)connect; null for platform-issued URLs. */
    private volatile Consumer<String> connectCheck;
    private volatile boolean refusedByGuard;
    private volatile RtmpPublisher publisher;
    private volatile Feed feed;
    private volatile long writingSince;
    private volatile String stallReason;

    /** @param onChange called on every change of state, error or reconnect count (not of bit rate) */
    public Destination(DestinationSpec spec, FanoutHub hub, DestinationSettings settings, ScheduledExecutorService timers,
                       Consumer<Destination> onChange) {
        this.spec = spec;
        this.jobId = spec.jobId();
        this.id = spec.id();
        this.hub = hub;
        this.settings = settings;
        this.timers = timers;
        this.onChange = onChange;
        this.status = new DestinationStatus(BroadcastState.PENDING, null, spec.reconnects(), null);
        this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
        this.thread = new Thread(this::loop, "push-" + jobId + "-" + id);
        this.thread.setDaemon(true);
    }

    public String id() { return id; }

    public IngestTarget target() { return spec.target(); }

    /** State, error, reconnects and bit rate as of one moment. */
    public DestinationStatus status() { return status; }

    public BroadcastState state() { return status.state(); }

    public int reconnects() { return status.reconnects(); }

    /** The pid of the pusher process: -1, pushes run in this JVM ({@link RtmpPublisher}). */
    public long pid() { return -1; }

    /** This destination in {@code broadcasts[]}, from one status snapshot. */
    public Broadcast broadcast() {
        DestinationStatus s = status;
        return new Broadcast(id, spec.platform(), s.state(), spec.target().watchUrl(), spec.target().broadcastId(),
                s.error(), s.reconnects(), s.bitrateKbps());
    }

    /** Re-checks the push URL (the SSRF guard) before every connect and reconnect: DNS may change while live. */
    public void checkBeforeEachConnect(Consumer<String> check) {
        this.connectCheck = check;
    }

    public void start() {
        update(BroadcastState.CONNECTING, null, 0);
        thread.start();
    }

    /**
     * Ends the push cleanly (FCUnpublish, deleteStream, then the connection is closed); returns
     * only once the connection is closed, so the platform's key is free.
     */
    public void stop() {
        stopped.countDown();
        Feed f = feed;
        if (f != null) f.close();
        join(1000); // the loop sees the closed feed, unpublishes and disconnects
        RtmpPublisher p = publisher;
        if (thread.isAlive() && p != null) {
            // still connecting, or a write the platform does not take: drop the connection
            p.close();
            join(settings.stopGrace().toMillis());
        }
        synchronized (lock) {
            status = status.withBitrate(null);
        }
        if (state() != BroadcastState.STOPPED) update(BroadcastState.STOPPED, null, 0);
    }

    /** Drops the connection at once (lost lease, crash clean-up). */
    public void kill() {
        stopped.countDown();
        Feed f = feed;
        if (f != null) f.close();
        RtmpPublisher p = publisher;
        if (p != null) p.close();
    }

    /**
     * The one place state, error and reconnect count change (together, under the lock); an edge
     * not in {@link #TRANSITIONS} throws. A change of error or count within one state is allowed.
     */
    void update(BroadcastState to, ErrorInfo error, int addReconnects) {
        synchronized (lock) {
            DestinationStatus s = status;
            if (to != s.state()) TRANSITIONS.check("job " + jobId + " destination " + id, s.state(), to);
            Integer bitrate = to == BroadcastState.LIVE ? s.bitrateKbps() : null;
            DestinationStatus next = new DestinationStatus(to, error, s.reconnects() + addReconnects, bitrate);
            if (next.equals(s)) return;
            status = next;
        }
        onChange.accept(this);
    }

    private void join(long ms) {
        try {
            thread.join(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (stopped.getCount() > 0) {
            String why = pushOnce();
            if (stopped.getCount() == 0) return;
            log.warn("job {} destination {}: push to {} ended ({}); reconnect #{}", jobId, id,
                    Redact.url(spec.target().pushUrl().reveal()), why, reconnects() + 1);
            // The caller sees a fixed text: the socket's own reason could tell which internal ports answered.
            update(BroadcastState.RECONNECTING, refusedByGuard
                    ? new ErrorInfo("url_not_allowed", "the destination's URL is not allowed")
                    : new ErrorInfo("push_failed", "the connection to the destination ended; reconnecting"), 1);
            try {
                if (stopped.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS)) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One push, fed from a fresh subscription (which starts on the cached key frame, or waits for
     * the next one). The subscription is made before the connection, so the platform's handshake
     * and publish overlap the encoder's start-up. Returns why it ended.
     */
    private String pushOnce() {
        String url = spec.target().pushUrl().reveal();
        Consumer<String> check = connectCheck;
        refusedByGuard = false;
        if (check != null) {
            try {
                check.accept(url);
            } catch (RuntimeException e) {
                refusedByGuard = true;
                return "refused by the URL guard";
            }
        }
        RtmpPublisher p;
        Feed f;
        try {
            p = new RtmpPublisher(url);
        } catch (IOException e) {
            return e.getMessage();
        }
        synchronized (lock) {
            if (stopped.getCount() == 0) return null;
            f = hub.subscribe(id, settings.queueBytes());
            feed = f;
            publisher = p;
        }
        writingSince = 0;
        ScheduledFuture<?> watchdog = timers.scheduleAtFixedRate(() -> checkStall(p), 1, 1, TimeUnit.SECONDS);
        long liveSince = 0;
        try {
            p.open(settings.stallTimeout());
            long rateAt = System.nanoTime();
            long rateBytes = 0;
            List<byte[]> batch = new ArrayList<>();
            while (stopped.getCount() > 0) {
                batch.clear();
                if (f.drainTo(batch, POLL_MS, TimeUnit.MILLISECONDS) == 0) {
                    if (p.endReason() != null) return p.endReason();
                    continue;
                }
                writingSince = System.nanoTime();
                p.write(batch);
                writingSince = 0;
                if (liveSince == 0 && p.bytesOut() > 0 && stopped.getCount() > 0) {
                    liveSince = System.nanoTime();
                    log.info("job {} destination {}: live on {}", jobId, id, Redact.url(url));
                    update(BroadcastState.LIVE, null, 0);
                }
                long now = System.nanoTime();
                if (now - rateAt >= 1_000_000_000L) {
                    int kbps = (int) Math.round((p.bytesOut() - rateBytes) * 8 / 1000.0 / ((now - rateAt) / 1e9));
                    synchronized (lock) {
                        if (status.state() == BroadcastState.LIVE) status = status.withBitrate(kbps);
                    }
                    rateAt = now;
                    rateBytes = p.bytesOut();
                }
            }
            return null;
        } catch (IOException e) {
            return stallReason != null ? stallReason : p.endReason() != null ? p.endReason() : e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            watchdog.cancel(false);
            hub.unsubscribe(f);
            p.close(); // unpublished and disconnected: the platform's key is free
            stallReason = null;
            if (liveSince != 0 && System.nanoTime() - liveSince > STABLE.toNanos()) backoff.reset();
        }
    }

    /** A write the platform has not taken for the stall timeout: drop the connection (the loop reconnects). */
    private void checkStall(RtmpPublisher p) {
        long since = writingSince;
        if (since != 0 && System.nanoTime() - since > settings.stallTimeout().toNanos()) {
            stallReason = "stalled: the destination took nothing for " + settings.stallTimeout().toMillis() + " ms";
            p.close();
        }
    }

    @Override
    public String toString() { return "destination " + id + " of job " + jobId + " " + Objects.toString(status); }
}
