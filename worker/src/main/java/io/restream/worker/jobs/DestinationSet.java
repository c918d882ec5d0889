package io.restream.worker.jobs;

import io.restream.core.connections.StoredConnection;
import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.ErrorInfo;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.net.UrlGuard;
import io.restream.platforms.port.BroadcastSetup;
import io.restream.platforms.port.IngestTarget;
import io.restream.platforms.port.JobContext;
import io.restream.platforms.port.PlatformException;
import io.restream.worker.destinations.Destination;
import io.restream.worker.destinations.DestinationSettings;
import io.restream.worker.destinations.DestinationSpec;
import io.restream.worker.fanout.FanoutHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's destinations, in the job's order: each is either a running {@link Destination} or a
 * broadcast whose set-up failed. Every destination goes through its platform's
 * {@link BroadcastSetup} from {@link io.restream.platforms.PlatformAdapters}, so OAuth platforms plug in
 * without changes here.
 */
final class DestinationSet {
    private static final Logger log = LoggerFactory.getLogger(DestinationSet.class);
    private static final Set<String> PUSH_SCHEMES = Set.of("rtmp", "rtmps");

    private final WorkerContext ctx;
    private final String jobId;
    private volatile List<String> order;
    private final Map<String, Destination> running = new ConcurrentHashMap<>();
    private final Map<String, Broadcast> failed = new ConcurrentHashMap<>();
    private final Map<String, StoredConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, BroadcastSetup> setups = new ConcurrentHashMap<>();
    private final UrlGuard guard;
    private volatile JobContext jobContext;
    private volatile UserRef user;
    private volatile FanoutHub hub;
    private volatile DestinationSettings settings;
    private volatile java.util.function.Consumer<Destination> onChange;

    DestinationSet(WorkerContext ctx, String jobId, List<String> order) {
        this.ctx = ctx;
        this.guard = new UrlGuard(ctx.core().allowPrivateUrls(), ctx.core().urlAllowlist());
        this.jobId = jobId;
        this.order = List.copyOf(order);
    }

    /**
     * Sets up every destination (in parallel: platform calls may be slow) and starts its push.
     *
     * @param previous the job's stored broadcasts (a job taken over keeps its reconnect counts)
     * @param takenOver whether the job was already running on another worker
     */
    void open(UserRef user, JobContext job, List<Broadcast> previous, boolean takenOver, FanoutHub hub,
              DestinationSettings settings, java.util.function.Consumer<Destination> onChange) {
        this.jobContext = job;
        this.user = user;
        this.hub = hub;
        this.settings = settings;
        this.onChange = onChange;
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (String id : order) {
            int reconnects = previous.stream().filter(b -> b.destination().equals(id)).mapToInt(Broadcast::reconnects)
                    .findFirst().orElse(0) + (takenOver ? 1 : 0);
            all.add(CompletableFuture.runAsync(() -> startOne(id, reconnects)));
        }
        all.forEach(CompletableFuture::join);
    }

    /**
     * Makes the running destinations those of {@code wanted} (the job's list after a live edit):
     * a removed one's push is ended and its broadcast ended on the platform, an added one is set up
     * and its push started; no other destination is touched. Returns whether anything changed.
     */
    boolean reconcile(List<String> wanted) {
        List<String> before = order;
        if (before.equals(wanted)) return false;
        List<String> removed = before.stream().filter(id -> !wanted.contains(id)).toList();
        List<String> added = wanted.stream().filter(id -> !before.contains(id)).toList();
        order = List.copyOf(wanted);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (String id : removed) all.add(CompletableFuture.runAsync(() -> stopOne(id)));
        for (String id : added) all.add(CompletableFuture.runAsync(() -> startOne(id, 0)));
        all.forEach(CompletableFuture::join);
        log.info("job {}: destinations now {} (added {}, removed {})", jobId, wanted, added, removed);
        return true;
    }

    private void startOne(String id, int reconnects) {
        Platform platform = Platform.ofConnectionId(id).orElse(Platform.CUSTOM);
        try {
            IngestTarget target = setUp(user, id, platform, jobContext);
            Destination d = new Destination(new DestinationSpec(jobId, id, platform, target, reconnects), hub, settings,
                    ctx.timers(), onChange);
            if (platform == Platform.CUSTOM || platform == Platform.INSTAGRAM) {
                d.checkBeforeEachConnect(url -> guard.check("url", url, PUSH_SCHEMES));
            }
            running.put(id, d);
            failed.remove(id);
            d.start();
        } catch (PlatformException e) {
            log.warn("job {} destination {}: set-up failed: {} {}", jobId, id, e.code(), e.getMessage());
            failed.put(id, new Broadcast(id, platform, BroadcastState.FAILED, null, null,
                    new ErrorInfo(e.code(), e.getMessage()), reconnects, null));
        }
    }

    private void stopOne(String id) {
        failed.remove(id);
        Destination d = running.remove(id);
        if (d == null) return;
        d.stop();
        endBroadcast(d);
    }

    private void endBroadcast(Destination d) {
        BroadcastSetup setup = setups.get(d.id());
        if (setup == null) return;
        try {
            setup.end(connections.get(d.id()), jobContext, d.target());
        } catch (RuntimeException e) {
            log.warn("job {} destination {}: ending the broadcast failed: {}", jobId, d.id(), e.getMessage());
        }
    }

    private IngestTarget setUp(UserRef user, String id, Platform platform, JobContext job) throws PlatformException {
        BroadcastSetup setup = ctx.adapters().broadcastSetup(platform)
                .orElseThrow(() -> new PlatformException("platform_disabled", platform.id() + " is not available"));
        Optional<StoredConnection> connection = ctx.connections().get(user, id).toCompletableFuture().join();
        if (connection.isEmpty()) throw new PlatformException("not_connected", id + " is not connected");
        IngestTarget target = setup.start(connection.get(), job);
        if (platform == Platform.CUSTOM || platform == Platform.INSTAGRAM) {
            // User-given URLs: the SSRF guard again, as DNS may have changed since the service checked.
            try {
                guard.check("url", target.pushUrl().reveal(), PUSH_SCHEMES);
            } catch (RuntimeException e) {
                throw new PlatformException("url_not_allowed", "the destination's URL is not allowed");
            }
        }
        connections.put(id, connection.get());
        setups.put(id, setup);
        return target;
    }

    boolean anyRunning() { return !running.isEmpty(); }

    boolean anyLive() { return running.values().stream().anyMatch(d -> d.state() == BroadcastState.LIVE); }

    List<Destination> destinations() { return List.copyOf(running.values()); }

    /** The job's {@code broadcasts[]}, in the job's order. */
    List<Broadcast> snapshot() {
        List<Broadcast> out = new ArrayList<>();
        for (String id : order) {
            Destination d = running.get(id);
            if (d != null) out.add(d.broadcast());
            else if (failed.containsKey(id)) out.add(failed.get(id));
            else out.add(Broadcast.pending(id, Platform.ofConnectionId(id).orElse(Platform.CUSTOM)));
        }
        return out;
    }

    /** Ends every push cleanly, all at once, then tells each platform the broadcast is over. */
    void stopAll(boolean endBroadcasts) {
        List<Thread> stops = new ArrayList<>();
        for (Destination d : running.values()) stops.add(startDaemon(d::stop, "stop-" + jobId + "-" + d.id()));
        for (Thread t : stops) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!endBroadcasts) return;
        for (Destination d : running.values()) endBroadcast(d);
    }

    /** Drops every push at once (another worker owns the job now). */
    void killAll() {
        running.values().forEach(Destination::kill);
    }

    private static Thread startDaemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
