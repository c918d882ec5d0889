package io.restream.worker.process;

import io.restream.core.media.FfmpegBinaries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a supervised FFmpeg child (after datarhei/core's {@code process.go}). A run is never
 * restarted; owners that want restarts (a destination, the encoder) start a new one.
 *
 * <pre>
 *   NEW ──start()──► RUNNING ──exits by itself, code 0────────────────► FINISHED
 *    │ │               │   └───exits by itself, code ≠ 0, or stalled──► FAILED
 *    │ │               │       (stalled: no progress for stallMs; the watchdog kills it)
 *    │ │               ├─kill()───────────────────────────────────────► KILLED
 *    │ │               └─stop()─► STOPPING ──exits within the grace period──► FINISHED
 *    │ │                             │       (any exit code: 255 after SIGTERM is a clean finish)
 *    │ │                             └──grace over: SIGKILL to it and its descendants──► KILLED
 *    │ └──cannot start──► FAILED
 *    └──stop() before start()──► FINISHED
 * </pre>
 *
 * Every change of state goes through {@link #setState}, which refuses an edge not drawn here.
 * Progress ({@code -progress pipe:2}) and log lines are read from stderr on a thread of their own;
 * the last log lines are kept for error messages. Every log line passes through a redactor so that
 * URLs with stream keys never reach our logs.
 */
public final class FfmpegProcess {
    private static final Logger log = LoggerFactory.getLogger(FfmpegProcess.class);
    private static final int TAIL_LINES = 8;

    /** The states drawn in the class comment. */
    public enum State { NEW, RUNNING, STOPPING, FINISHED, FAILED, KILLED }

    /** The edges drawn in the class comment. */
    public static final StateTable<State> TRANSITIONS = StateTable.of(State.class)
            .edge(State.NEW, State.RUNNING, State.FAILED, State.FINISHED)
            .edge(State.RUNNING, State.STOPPING, State.FINISHED, State.FAILED, State.KILLED)
            .edge(State.STOPPING, State.FINISHED, State.KILLED)
            .build();

    /** How a run ended: the final state, the exit code, and the last log lines (redacted). */
    public record Exit(State state, int code, String reason) {}

    private final String name;
    private final ProcessSpec spec;
    private final ScheduledExecutorService timers;
    private final CompletableFuture<Exit> exit = new CompletableFuture<>();
    private final Deque<String> tail = new ArrayDeque<>();

    private volatile State state = State.NEW;
    private volatile Process process;
    private volatile long lastProgressNanos;
    private volatile String stallReason;
    private volatile long lastTotalSize = -1;
    private volatile long lastOutTime = -1;
    private ScheduledFuture<?> watchdog;
    private Thread stderrReader;

    public FfmpegProcess(ProcessSpec spec, ScheduledExecutorService timers) {
        this.spec = Objects.requireNonNull(spec);
        this.name = spec.name();
        this.timers = timers;
    }

    /** The one place the state changes; an edge not in {@link #TRANSITIONS} throws. */
    synchronized void setState(State to) {
        state = TRANSITIONS.check(name, state, to);
    }

    /** Starts the child; its stdin and stdout are the owner's ({@link #stdin()}, {@link #stdout()}). */
    public synchronized void start() {
        if (state != State.NEW) throw new IllegalStateException(name + " already started");
        try {
            process = FfmpegBinaries.processBuilder(spec.args()).start();
        } catch (IOException e) {
            setState(State.FAILED);
            exit.complete(new Exit(State.FAILED, -1, "cannot start ffmpeg: " + e.getMessage()));
            throw new UncheckedIOException(e);
        }
        setState(State.RUNNING);
        lastProgressNanos = System.nanoTime();
        stderrReader = new Thread(this::readStderr, "ffmpeg-stderr-" + name);
        stderrReader.setDaemon(true);
        stderrReader.start();
        if (!spec.stallTimeout().isZero()) {
            long period = Math.max(200, spec.stallTimeout().toMillis() / 4);
            watchdog = timers.scheduleAtFixedRate(this::checkStall, period, period, TimeUnit.MILLISECONDS);
        }
        process.onExit().thenAccept(p -> finish(p.exitValue()));
        log.debug("{}: started ffmpeg pid {}", name, process.pid());
    }

    public State state() { return state; }

    public long pid() { return process == null ? -1 : process.pid(); }

    public OutputStream stdin() { return process.getOutputStream(); }

    /** Closes our end of its stdin once the run is over (the pipe is otherwise freed only at GC). */
    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException | RuntimeException e) {
            // gone with the process
        }
    }

    public InputStream stdout() { return process.getInputStream(); }

    /** Completes when the run is over, whichever way. */
    public CompletableFuture<Exit> exit() { return exit; }

    /** Counts as progress for the watchdog (e.g. the owner read output from stdout). */
    public void markProgress() { lastProgressNanos = System.nanoTime(); }

    /**
     * Stops politely: closes stdin when {@code closeStdin} (FFmpeg reading a pipe finishes its
     * output cleanly), else SIGTERM; after {@code grace} SIGKILL to the process and its
     * descendants. Blocks until the process is gone.
     */
    public Exit stop(Duration grace, boolean closeStdin) {
        Process p;
        synchronized (this) {
            p = process;
            if (p == null) {
                if (state == State.NEW) setState(State.FINISHED);
                exit.complete(new Exit(state, 0, "never started"));
                return exit.join();
            }
            if (state == State.RUNNING) setState(State.STOPPING);
        }
        if (p.isAlive()) {
            if (closeStdin) {
                try {
                    p.getOutputStream().close();
                } catch (IOException ignored) {
                    p.destroy();
                }
            } else {
                p.destroy();
            }
            try {
                if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (closeStdin) {
                        p.destroy();
                        if (p.waitFor(Math.min(2000, grace.toMillis()), TimeUnit.MILLISECONDS)) return exit.join();
                    }
                    kill(p, State.KILLED);
                }
            } catch (InterruptedException e) {
                kill(p, State.KILLED);
                Thread.currentThread().interrupt();
            }
        }
        return exit.join();
    }

    /** SIGKILL at once (crash clean-up, lost lease). */
    public void kill() {
        Process p = process;
        if (p != null) kill(p, State.KILLED);
    }

    private void kill(Process p, State as) {
        synchronized (this) {
            if (TRANSITIONS.allows(state, as)) setState(as);
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("{}: ffmpeg pid {} did not go away after SIGKILL", name, p.pid());
        }
    }

    private void checkStall() {
        if (state != State.RUNNING) return;
        long idleMs = (System.nanoTime() - lastProgressNanos) / 1_000_000;
        if (idleMs >= spec.stallTimeout().toMillis()) {
            stallReason = "stalled: no progress for " + idleMs + " ms";
            log.warn("{}: {}; killing ffmpeg pid {}", name, stallReason, pid());
            Process p = process;
            if (p != null) kill(p, State.FAILED);
        }
    }

    private void readStderr() {
        ProgressParser parser = new ProgressParser(this::progress, this::logLine);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) parser.line(line);
        } catch (IOException e) {
            log.debug("{}: stderr closed: {}", name, e.getMessage());
        }
    }

    private void progress(Progress p) {
        long size = p.totalSize().orElse(-1);
        long out = p.outTimeUs().orElse(-1);
        if (size != lastTotalSize || out != lastOutTime) {
            lastTotalSize = size;
            lastOutTime = out;
            if (spec.statsAreProgress()) markProgress();
        }
        if (spec.onProgress() != null) {
            try {
                spec.onProgress().accept(p);
            } catch (RuntimeException e) {
                log.warn("{}: progress listener failed", name, e);
            }
        }
    }

    private void logLine(String raw) {
        String line = spec.redactor().apply(raw);
        synchronized (tail) {
            tail.addLast(line);
            while (tail.size() > TAIL_LINES) tail.removeFirst();
        }
        log.debug("{}: ffmpeg: {}", name, line);
    }

    private void finish(int code) {
        if (watchdog != null) watchdog.cancel(false);
        try {
            stderrReader.join(500); // so that the reason below has FFmpeg's last words
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        State end;
        synchronized (this) {
            end = switch (state) {
                case STOPPING -> State.FINISHED;
                case RUNNING -> code == 0 ? State.FINISHED : State.FAILED;
                default -> state; // KILLED or FAILED already: the end was decided when it was killed
            };
            if (end != state) setState(end);
        }
        String reason = stallReason != null ? stallReason : lastLines();
        exit.complete(new Exit(end, code, reason));
        log.debug("{}: ffmpeg pid {} ended {} (code {})", name, process.pid(), end, code);
    }

    /** The last log lines, redacted, for error messages. */
    public String lastLines() {
        synchronized (tail) {
            return String.join(" | ", tail);
        }
    }
}
