package io.restream.worker.destinations;

import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.ErrorInfo;
import io.restream.core.model.Platform;
import io.restream.core.net.Redact;
import io.restream.platforms.port.IngestTarget;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.fanout.Feed;
import io.restream.worker.process.FfmpegProcess;
import io.restream.worker.process.LogRedactor;
import io.restream.worker.process.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
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
 * ({@code FAILED} belongs to destinations whose set-up the platform refused: no pusher runs for them.)
 */
public final class Destination {
    private static final Logger log = LoggerFactory.getLogger(Destination.class);
    private static final long POLL_MS = 200;
    private static final Duration STABLE = Duration.ofSeconds(10);

    private final String jobId;
    private final String id;
    private final Platform platform;
    private final IngestTarget target;
    private final FanoutHub hub;
    private final DestinationSettings settings;
    private final ScheduledExecutorService timers;
    private final Consumer<Destination> onChange;
    private final Backoff backoff;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    private volatile BroadcastState state = BroadcastState.PENDING;
    private volatile ErrorInfo error;
    private volatile int reconnects;
    /** Checks a user-given push URL again before every (re)connect; null for platform-issued URLs. */
    private volatile Consumer<String> connectCheck;
    private volatile boolean refusedByGuard;
    private volatile Integer bitrateKbps;
    private volatile FfmpegProcess pusher;
    private volatile Feed feed;
    private long lastSize = -1;
    private long lastSizeAtNanos;

    /**
     * @param reconnects the count so far (a job taken over from another worker keeps its count)
     * @param onChange called on every change of state, error or reconnect count
     */
    public Destination(String jobId, String id, Platform platform, IngestTarget target, FanoutHub hub,
                       DestinationSettings settings, ScheduledExecutorService timers, int reconnects,
                       Consumer<Destination> onChange) {
        this.jobId = jobId;
        this.id = id;
        this.platform = platform;
        this.target = target;
        this.hub = hub;
        this.settings = settings;
        this.timers = timers;
        this.reconnects = reconnects;
        this.onChange = onChange;
        this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
        this.thread = new Thread(this::loop, "push-" + jobId + "-" + id);
        this.thread.setDaemon(true);
    }

    public String id() { return id; }

    public IngestTarget target() { return target; }

    public BroadcastState state() { return state; }

    public int reconnects() { return reconnects; }

    /** The pid of the running pusher, or -1. */
    public long pid() {
        FfmpegProcess p = pusher;
        return p == null ? -1 : p.pid();
    }

    public Broadcast broadcast() {
        return new Broadcast(id, platform, state, target.watchUrl(), target.broadcastId(), error, reconnects, bitrateKbps);
    }

    /** Re-checks the push URL (the SSRF guard) before every connect and reconnect: DNS may change while live. */
    public void checkBeforeEachConnect(Consumer<String> check) {
        this.connectCheck = check;
    }

    public void start() {
        set(BroadcastState.CONNECTING, null);
        thread.start();
    }

    /** Ends the push cleanly (or kills it after the grace); blocks until the pusher is gone. */
    public void stop() {
        stopped.countDown();
        Feed f = feed;
        if (f != null) f.close();
        try {
            thread.join(settings.stopGrace().toMillis() + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FfmpegProcess p = pusher;
        if (p != null && p.state() == FfmpegProcess.State.RUNNING) p.kill();
        bitrateKbps = null;
        set(BroadcastState.STOPPED, null);
    }

    /** Kills the pusher at once (lost lease, crash clean-up). */
    public void kill() {
        stopped.countDown();
        Feed f = feed;
        if (f != null) f.close();
        FfmpegProcess p = pusher;
        if (p != null) p.kill();
    }

    private void loop() {
        while (stopped.getCount() > 0) {
            FfmpegProcess.Exit exit = pushOnce();
            if (stopped.getCount() == 0) return;
            reconnects++;
            bitrateKbps = null;
            String why = exit == null ? "pusher did not start" : exit.reason();
            log.warn("job {} destination {}: push to {} ended ({}); reconnect #{}", jobId, id,
                    Redact.url(target.pushUrl().reveal()), why, reconnects);
            // The caller sees a fixed text: FFmpeg's own reason could tell which internal ports answered.
            set(BroadcastState.RECONNECTING, refusedByGuard
                    ? new ErrorInfo("url_not_allowed", "the destination's URL is not allowed")
                    : new ErrorInfo("push_failed", "the connection to the destination ended; reconnecting"));
            try {
                if (stopped.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS)) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One pusher run, fed from a fresh subscription (which starts on the cached key frame). */
    private FfmpegProcess.Exit pushOnce() {
        String url = target.pushUrl().reveal();
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
        FfmpegProcess p = new FfmpegProcess("job " + jobId + " destination " + id, new PusherCommand(url).args(),
                timers, settings.stallTimeout(), this::progress, line -> LogRedactor.redact(line.replace(url, Redact.url(url))), true);
        Feed f = hub.subscribe(id, settings.queueBytes());
        feed = f;
        pusher = p;
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
                if (state == BroadcastState.LIVE && liveSince == 0) liveSince = System.nanoTime();
            }
            if (stopped.getCount() == 0) {
                in.flush();
            }
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
            if (seconds > 0.2) bitrateKbps = (int) Math.round((size - lastSize) * 8 / 1000.0 / seconds);
        }
        if (size >= 0) {
            lastSize = size;
            lastSizeAtNanos = now;
        }
        if (size > 0 && state != BroadcastState.LIVE && stopped.getCount() > 0 && !progress.isEnd()) {
            log.info("job {} destination {}: live on {}", jobId, id, Redact.url(target.pushUrl().reveal()));
            set(BroadcastState.LIVE, null);
        }
    }

    private void set(BroadcastState newState, ErrorInfo newError) {
        if (newState == state && java.util.Objects.equals(newError, error)) return;
        state = newState;
        error = newError;
        onChange.accept(this);
    }
}
