package io.restream.worker.overlay.html;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the worker's banner browser: which binary (and so whether BeginFrame control
 * is on), process hygiene (killed with the worker, niced below the encoders) and the fixed safe set
 * of flags (no background networking, no extensions, no popups, WebRTC only through the guard proxy).
 */
final class ChromiumCommand {
    /** Debian's old headless implementation, same version as {@code chromium}: it has BeginFrame control. */
    static final String HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
    /**
     * The binary behind Debian's {@code /usr/bin/chromium-headless-shell}. That one is a shell script
     * that runs the binary as its child instead of exec'ing it, so the kill-with-the-worker signal
     * ({@code setpriv --pdeathsig}) would reach only the script and leave the browser orphaned when
     * the worker JVM dies (seen after a test JVM ended: a browser with parent 1). We start the binary.
     */
    static final String HEADLESS_SHELL_BINARY = "/usr/lib/chromium/chromium-headless-shell";
    /**
     * The headless shell when installed ({@code scripts/setup-machine.sh} installs it), else
     * {@code /usr/bin/chromium} (its wrapper script does exec); {@code -Drestream.chromium} names
     * another binary ({@code -Drestream.chromium=/usr/bin/chromium}: new headless with screenshots).
     */
    static final String BINARY = System.getProperty("restream.chromium", defaultBinary());

    /**
     * Whether pages paint only when asked ({@code HeadlessExperimental.beginFrame}): the headless
     * shell offers it, {@code chromium --headless} (new headless) does not.
     */
    static final boolean BEGIN_FRAMES = BINARY.endsWith("headless-shell");
    /**
     * With BeginFrame control, everything a frame needs runs inside that frame, on the main thread:
     * without these, the bench's animated page (a CSS animation, a scrolling ticker, a JS clock)
     * stopped answering {@code beginFrame} after a few seconds on a loaded machine (bench, load
     * 13–30; in {@code bench/worker/ChromiumPaint.java} at load ≈ 13: 1.2 frames a second, one frame
     * never answered in 40 s); with them, 4.0 frames a second at 0.15 core at the same load, and
     * beside {@code stress-ng --cpu 2} 2.4 frames a second (228 ms a frame), none stuck. They are the flags of headless's deterministic mode:
     * animations and scrolling not on the compositor thread, no asynchronous image decoding
     * (checker-imaging), no timeout that paints a blank page while new content is awaited.
     */
    static final List<String> BEGIN_FRAME_FLAGS = List.of("--enable-begin-frame-control", "--run-all-compositor-stages-before-draw",
            "--disable-threaded-animation", "--disable-threaded-scrolling", "--disable-checker-imaging",
            "--disable-new-content-rendering-timeout", "--disable-image-animation-resync");

    private ChromiumCommand() {}

    private static String defaultBinary() {
        if (Files.isExecutable(Path.of(HEADLESS_SHELL_BINARY))) return HEADLESS_SHELL_BINARY;
        return Files.isExecutable(Path.of(HEADLESS_SHELL)) ? HEADLESS_SHELL : "/usr/bin/chromium";
    }

    /** @param extraFlags flags beyond the fixed safe set (the proxy, heap limit) */
    static List<String> args(Path dir, List<String> extraFlags) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) cmd.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL"));
        // Below the encoders: on a busy machine a banner may stutter, the stream must not.
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) cmd.addAll(List.of("/usr/bin/nice", "-n", "10"));
        cmd.add(BINARY);
        if (BEGIN_FRAMES) {
            // Frames only on HeadlessExperimental.beginFrame, which needs every compositor stage run
            // before the draw. (The shell treats --default-background-color and a URL on the command
            // line as one-shot commands, which refuse remote debugging: the page sets both instead.)
            cmd.addAll(BEGIN_FRAME_FLAGS);
        } else {
            cmd.addAll(List.of("--headless", "--default-background-color=00000000"));
        }
        cmd.addAll(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir, "--remote-debugging-port=0",
                "--hide-scrollbars", "--mute-audio", "--disable-extensions",
                "--disable-default-apps", "--disable-breakpad", "--no-default-browser-check", "--disable-notifications",
                "--block-new-web-contents", "--disable-site-isolation-trials",
                "--disable-features=IsolateOrigins,site-per-process,Translate,MediaRouter,OptimizationHints",
                "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
                "--webrtc-ip-handling-policy=disable_non_proxied_udp",
                "--autoplay-policy=no-user-gesture-required", "--disable-dev-shm-usage"));
        cmd.addAll(extraFlags);
        if (!BEGIN_FRAMES) cmd.add("about:blank");
        return cmd;
    }
}
