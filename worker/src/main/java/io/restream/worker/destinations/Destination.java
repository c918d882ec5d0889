package io.restream.worker.destinations;

import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.ErrorInfo;
import io.restream.core.net.Redact;
import io.restream.core.retry.Backoff;
import io.restream.platforms.port.IngestTarget;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.fanout.Feed;
import io.restream.worker.process.FfmpegProcess;
import io.restream.worker.process.LogRedactor;
import io.restream.worker.process.ProcessSpec;
import io.restream.worker.process.Progress;
import io.restream.worker.process.StateTable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One destination's push, isolated from every other: its own feed, FFmpeg pusher and thread.
 *
 * <pre>
 *   PENDING ──start()──► CONNECTING ──bytes reach the platform──► LIVE
 *                           │                                      │ pusher exits, stalls, is refused
 *                           └──refused / exits──► RECONNECTING ◄───┘
 *                                                 │      ▲
 *                      after the backoff pause ───┘      └── (1 s, 2 s, 4 s … max; reset after 10 s live)
 *                      a new pusher, from the cached key frame ──► LIVE
 *   any ──stop()──► STOPPED  (stdin closed: FFmpeg ends the stream cleanly; killed after a grace)
 * </pre>
 *
 * State, error, reconnect count and bit rate change together under one lock ({@link #update}) and
 * are read as one {@link DestinationStatus}; the state moves only along {@link #TRANSITIONS}.
 * ({@code FAILED} belongs to destinations whose set-up the platform refused: no pusher runs for them.)
 *
 * <p>A pusher counts as stalled only when it is given bytes and does not take them: while the hub
 * has nothing to send (the encoder restarting, a slow machine) the pusher is idle, not stalled.
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
    private volatile FfmpegProcess pusher;
    private volatile Feed feed;
    private long lastSize = -1;
    private long lastSizeAtNanos;

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

    /** The pid of the running pusher, or -1. */
    public long pid() {
        FfmpegProcess p = pusher;
        return p == null ? -1 : p.pid();
    }

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
     * Ends the push cleanly (stdin closed, so FFmpeg unpublishes), or kills it after the grace.
     * Returns only once the pusher process is gone, so the platform's key is free.
     */
    public void stop() {
        stopped.countDown();
        Feed f = feed;
        if (f != null) f.close();
        if (thread.isAlive() || thread.getState() == Thread.State.NEW) {
            join(settings.stopGrace().toMillis() + 3000);
        }
        FfmpegProcess p = pusher;
        if (p != null && p.exit().isDone() == false) {
            log.warn("job {} destination {}: pusher still running after the grace; killing it", jobId, id);
            p.kill();
            p.exit().join();
        }
        join(5000);
        synchronized (lock) {
            status = status.withBitrate(null);
        }
        if (state() != BroadcastState.STOPPED) update(BroadcastState.STOPPED, null, 0);
    }

    /** Kills the pusher at once (lost lease, crash clean-up). */
    public void kill() {
        stopped.countDown();
        Feed f = feed;
        if (f != null) f.close();
        FfmpegProcess p = pusher;
        if (p != null) p.kill();
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
            FfmpegProcess.Exit exit = pushOnce();
            if (stopped.getCount() == 0) return;
            String why = exit == null ? "pusher did not start" : exit.reason();
            log.warn("job {} destination {}: push to {} ended ({}); reconnect #{}", jobId, id,
                    Redact.url(spec.target().pushUrl().reveal()), why, reconnects() + 1);
            // The caller sees a fixed text: FFmpeg's own reason could tell which internal ports answered.
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

    /** One pusher run, fed from a fresh subscription (which starts on the cached key frame). */
    private FfmpegProcess.Exit pushOnce() {
        String url = spec.target().pushUrl().reveal();
        Consumer<String> check = connectCheck;
        refusedByGuard = false;
        if (check != null) {
            try {
                check.accept(url);
            } catch (RuntimeException e) {
                refusedByGuard = true;
                return null;
            }
        }
        FfmpegProcess p = new FfmpegProcess(ProcessSpec.builder("job " + jobId + " destination " + id, new PusherCommand(url).args())
                .stallTimeout(settings.stallTimeout()).onProgress(this::progress)
                .redactor(line -> LogRedactor.redact(line.replace(url, Redact.url(url)))).build(), timers);
        Feed f;
        synchronized (lock) {
            if (stopped.getCount() == 0) return null;
            f = hub.subscribe(id, settings.queueBytes());
            feed = f;
            pusher = p;
        }
        lastSize = -1;
        try {
            p.start();
        } catch (RuntimeException e) {
            hub.unsubscribe(f);
            return null;
        }
        long liveSince = 0;
        try (OutputStream in = p.stdin()) {
            while (stopped.getCount() > 0 && p.state() == FfmpegProcess.State.RUNNING) {
                byte[] bytes = f.take(POLL_MS, TimeUnit.MILLISECONDS);
                if (bytes != null) in.write(bytes);
                else p.markProgress(); // nothing to send: idle, not stalled
                if (state() == BroadcastState.LIVE && liveSince == 0) liveSince = System.nanoTime();
            }
            if (stopped.getCount() == 0) in.flush();
        } catch (IOException e) {
            log.debug("job {} destination {}: pusher input closed: {}", jobId, id, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.unsubscribe(f);
        }
        // stdin is closed now: FFmpeg finishes the stream and disconnects.
        FfmpegProcess.Exit exit = p.stop(settings.stopGrace(), true);
        if (liveSince != 0 && System.nanoTime() - liveSince > STABLE.toNanos()) backoff.reset();
        return exit;
    }

    private void progress(Progress progress) {
        long size = progress.totalSize().orElse(-1);
        long now = System.nanoTime();
        if (size > 0 && lastSize >= 0 && size > lastSize) {
            double seconds = (now - lastSizeAtNanos) / 1e9;
            if (seconds > 0.2) {
                int kbps = (int) Math.round((size - lastSize) * 8 / 1000.0 / seconds);
                synchronized (lock) {
                    if (status.state() == BroadcastState.LIVE) status = status.withBitrate(kbps);
                }
            }
        }
        if (size >= 0) {
            lastSize = size;
            lastSizeAtNanos = now;
        }
        if (size > 0 && state() != BroadcastState.LIVE && stopped.getCount() > 0 && !progress.isEnd()) {
            log.info("job {} destination {}: live on {}", jobId, id, Redact.url(spec.target().pushUrl().reveal()));
            update(BroadcastState.LIVE, null, 0);
        }
    }

    @Override
    public String toString() { return "destination " + id + " of job " + jobId + " " + Objects.toString(status); }
}
