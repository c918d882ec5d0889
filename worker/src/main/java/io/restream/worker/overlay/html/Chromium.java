package io.restream.worker.overlay.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one headless Chromium, shared by the pages of all its jobs, supervised on one thread:
 *
 * <pre>
 *   STOPPED ──first client──► STARTING ──DevTools up──► RUNNING ──process exits──► BACKOFF ──► STARTING
 *      ▲                          │ fails                   │ no client for IDLE_MS
 *      └──────────────────────────┴─────────────────────────┘ (killed)
 * </pre>
 *
 * Every start gets a fresh {@code --user-data-dir}; clients are told about each new connection
 * ({@link Client#onBrowser}) and re-open their pages on it. Backoff doubles from 0.5 s to 4 s and
 * resets after a minute of uptime, so a killed browser is back within about a second.
 *
 * <p>The browser is started through {@code setpriv --pdeathsig KILL} from the supervisor thread,
 * which lives as long as the browser: if the worker JVM dies, the kernel kills Chromium too. It
 * runs at {@code nice 10}, below the encoders.
 *
 * <p><b>Which Chromium, and why it paints only when captured.</b> A page left to itself paints at
 * 60 fps (its own compositor clock) although the overlay takes {@code RESTREAM_OVERLAY_FPS} (4)
 * frames a second. Measured on the bench's animated 720p page (CSS colour cycle, JS clock,
 * scrolling ticker; Chromium tree CPU over 20 s, 2-core machine at load ≈ 20–28, Debian 156):
 * <ul>
 * <li>{@code chromium --headless}, screenshots at 4 fps: 0.33–0.36 core (0.21 of it painting with
 *     no capture at all, GPU process and renderer about equally);
 * <li>{@code chromium-headless-shell}, screenshots: 0.33 core (same compositor clock);
 * <li>{@code chromium-headless-shell --enable-begin-frame-control}, each frame painted and captured
 *     by one {@code HeadlessExperimental.beginFrame} at 4 fps: <b>0.12 core</b>, animations and
 *     timers still on time (CSS by frame time, JS by its own timers). Kept.
 * <li>New headless has no BeginFrame control ({@code 'HeadlessExperimental.beginFrame' wasn't
 *     found} in 156); freezing the page between captures ({@code Page.setWebLifecycleState}):
 *     0.28 core at half the frame rate (thawing costs a full repaint); minimising the window
 *     between captures: 0.35 core, also at half the rate. Dropped. The screencast is paced by the
 *     same 60 fps compositor, so it saves nothing either.
 * </ul>
 * In the worker under heavy load the animated page first stopped answering {@code beginFrame}
 * after a few seconds; with headless's deterministic-mode flags
 * ({@link ChromiumCommand#BEGIN_FRAME_FLAGS}: no threaded animation or scrolling, no
 * checker-imaging, no new-content timeout) it keeps painting beside {@code stress-ng}, so the shell
 * with BeginFrame control is the default when installed ({@code scripts/setup-machine.sh} installs
 * it); {@code -Drestream.chromium=/usr/bin/chromium} goes back to new headless with screenshots.
 */
final class Chromium implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Chromium.class);
    /** Whether pages paint only when asked: see {@link ChromiumCommand#BEGIN_FRAMES}. */
    static final boolean BEGIN_FRAMES = ChromiumCommand.BEGIN_FRAMES;
    private static final long IDLE_MS = 10_000;
    private static final long BACKOFF_MIN_MS = 500;
    private static final long BACKOFF_MAX_MS = 4000;
    private static final long STABLE_MS = 60_000;
    private static final Set<Chromium> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // A JVM that exits without closing its worker still takes its browsers (and their profiles) along.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(c -> c.stop(c.process, c.dir)), "chromium-exit"));
    }

    enum State { STOPPED, STARTING, RUNNING, BACKOFF }

    /** A user of the browser (one job's page). */
    interface Client {
        /** A (new) browser connection is up; called on the supervisor thread. */
        void onBrowser(Cdp cdp);
    }

    private final List<String> extraFlags;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private Thread thread;
    private boolean closed;
    private volatile State state = State.STOPPED;
    private volatile Process process;
    private volatile Cdp cdp;
    private volatile Path dir;

    /** @param extraFlags flags beyond the fixed safe set (the proxy, heap limit) */
    Chromium(List<String> extraFlags) {
        this.extraFlags = List.copyOf(extraFlags);
    }

    /** Pids of the browsers in this JVM that pages are using (tests kill one to check crash safety). */
    static List<Long> livePids() {
        return LIVE.stream().filter(c -> !c.clients.isEmpty()).map(c -> c.process)
                .filter(p -> p != null && p.isAlive()).map(Process::pid).toList();
    }

    State state() { return state; }

    /** Registers a client, starting the browser if needed; tells it at once when it is already up. */
    void attach(Client client) {
        synchronized (lock) {
            if (closed) return;
            clients.add(client);
            if (thread == null) {
                thread = new Thread(this::supervise, "chromium-supervisor");
                thread.setDaemon(true);
                thread.start();
            }
            lock.notifyAll();
        }
        Cdp now = cdp;
        if (now != null && now.isOpen()) client.onBrowser(now);
    }

    void detach(Client client) {
        synchronized (lock) {
            clients.remove(client);
            lock.notifyAll();
        }
    }

    private void supervise() {
        long backoff = BACKOFF_MIN_MS;
        while (true) {
            synchronized (lock) {
                if (closed || clients.isEmpty()) {
                    thread = null;
                    state = State.STOPPED;
                    return;
                }
            }
            state = State.STARTING;
            Path dir = null;
            Process p = null;
            long started = System.nanoTime();
            try {
                dir = Files.createTempDirectory("restream-chromium-");
                this.dir = dir;
                p = launch(dir);
                process = p;
                LIVE.add(this);
                Cdp c = Cdp.connect(endpoint(dir, p));
                guardBrowser(c);
                cdp = c;
                state = State.RUNNING;
                log.info("chromium up (pid {})", p.pid());
                for (Client client : List.copyOf(clients)) client.onBrowser(c);
                boolean idle = waitWhileRunning(p);
                if (idle) {
                    stop(p, dir);
                    continue; // the loop's head ends the thread unless a client came back meanwhile
                }
                log.warn("chromium (pid {}) exited with {}; restarting in {} ms", p.pid(), p.exitValue(), backoff);
            } catch (IOException | RuntimeException e) {
                log.warn("chromium did not start: {}; retrying in {} ms", e.getMessage(), backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(p, dir);
                return;
            }
            stop(p, dir);
            state = State.BACKOFF;
            if ((System.nanoTime() - started) / 1_000_000 > STABLE_MS) backoff = BACKOFF_MIN_MS;
            synchronized (lock) {
                try {
                    if (!closed) lock.wait(backoff);
                } catch (InterruptedException e) {
                    return;
                }
            }
            backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
        }
    }

    /** Browser-wide: downloads denied, and any window a page opens (a popup) closed at once. */
    private static void guardBrowser(Cdp c) {
        c.listen("", (method, params) -> {
            JsonNode info = params.path("targetInfo");
            if (method.equals("Target.targetCreated") && !info.path("openerId").asText("").isEmpty()) {
                log.info("closing a window opened by a banner page");
                c.send("", "Target.closeTarget", Map.of("targetId", info.path("targetId").asText()));
            } else if (method.equals("Target.targetCrashed") || method.equals("Target.detachedFromTarget")) {
                log.info("banner browser: {} {}", method, params);
            }
        });
        c.send("", "Target.setDiscoverTargets", Map.of("discover", true));
        c.send("", "Browser.setDownloadBehavior", Map.of("behavior", "deny"));
    }

    /** Waits until the browser exits (false) or nobody has needed it for IDLE_MS or we close (true). */
    private boolean waitWhileRunning(Process p) throws InterruptedException {
        long idleSince = 0;
        while (p.isAlive()) {
            synchronized (lock) {
                if (closed) return true;
                if (clients.isEmpty()) {
                    if (idleSince == 0) idleSince = System.nanoTime();
                    if ((System.nanoTime() - idleSince) / 1_000_000 >= IDLE_MS) return true;
                } else {
                    idleSince = 0;
                }
                lock.wait(250);
            }
        }
        return false;
    }

    private Process launch(Path dir) throws IOException {
        return new ProcessBuilder(ChromiumCommand.args(dir, extraFlags))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    }

    /** The browser's DevTools endpoint, from the {@code DevToolsActivePort} file it writes. */
    private static URI endpoint(Path dir, Process p) throws IOException, InterruptedException {
        Path file = dir.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= 2) return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
            }
            Thread.sleep(50);
        }
        throw new IOException("no DevTools endpoint within 15 s (" + (p.isAlive() ? "running" : "exited") + ")");
    }

    private void stop(Process p, Path dir) {
        Cdp c = cdp;
        cdp = null;
        if (c != null) c.close();
        if (p != null) {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        LIVE.remove(this);
        process = null;
        if (dir != null) io.restream.worker.ScratchFiles.deleteTree(dir);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            t = thread;
            lock.notifyAll();
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
