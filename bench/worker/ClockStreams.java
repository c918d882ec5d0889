import io.restream.core.media.FfmpegBinaries;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark helpers (not part of the product): a live RTMP origin whose every frame carries the
 * wall-clock time it was generated as a barcode, and a receiver that decodes that barcode on
 * arrival, so that end-to-end latency can be measured with and without the worker in the path.
 */
final class ClockStreams {
    static final int W = 1280;
    static final int H = 720;
    static final int FPS = 30;
    static final int BITS = 48;
    static final int BLOCK = 20;
    static final int BAR_X = 40;
    static final int BAR_Y = 400;

    private ClockStreams() {}

    /** Writes the barcode of {@code ms} into a gray frame. */
    static void stamp(byte[] gray, long ms) {
        for (int b = 0; b < BITS; b++) {
            byte v = ((ms >>> (BITS - 1 - b)) & 1) == 1 ? (byte) 255 : 0;
            int x0 = BAR_X + b * (BLOCK + 4);
            for (int y = BAR_Y; y < BAR_Y + BLOCK; y++) java.util.Arrays.fill(gray, y * W + x0, y * W + x0 + BLOCK, v);
        }
    }

    /** Reads the barcode back, or -1 when it does not look like a recent time. */
    static long read(byte[] gray) {
        long ms = 0;
        for (int b = 0; b < BITS; b++) {
            int x0 = BAR_X + b * (BLOCK + 4);
            int sum = 0;
            for (int y = BAR_Y + 6; y < BAR_Y + 14; y++) for (int x = x0 + 6; x < x0 + 14; x++) sum += gray[y * W + x] & 0xff;
            ms = (ms << 1) | (sum / 64 > 128 ? 1 : 0);
        }
        long now = System.currentTimeMillis();
        return Math.abs(now - ms) < 60_000 ? ms : -1;
    }

    /** Connects to an FFmpeg that is about to listen. */
    static Socket connectWithRetry(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw e;
                LockSupport.parkNanos(20_000_000L);
            }
        }
    }

    static Thread pump(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (in; out) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // closed
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * The origin: for every player, a fresh FFmpeg encodes frames generated here (a panning
     * texture with the barcode) at 30 fps, H.264 + {@code audioCodec}, and serves them as RTMP.
     */
    static final class Origin implements AutoCloseable {
        private final ServerSocket server;
        private final String audioCodec;
        private final List<Process> children = new CopyOnWriteArrayList<>();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final byte[] texture = texture();
        private volatile boolean closed;

        Origin(String audioCodec) throws IOException {
            this.audioCodec = audioCodec;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::accept, "origin-accept");
            t.setDaemon(true);
            t.start();
        }

        String url(String id) { return "rtmp://127.0.0.1:" + server.getLocalPort() + "/live/" + id; }

        String template() { return url("{id}"); }

        private void accept() {
            while (!closed) {
                try {
                    Socket player = server.accept();
                    sockets.add(player);
                    Thread h = new Thread(() -> serve(player), "origin-serve");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket player) {
            Process ff = null;
            try (player) {
                int q = freePort();
                ff = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error",
                        "-f", "rawvideo", "-pix_fmt", "gray", "-s", W + "x" + H, "-framerate", Integer.toString(FPS), "-i", "pipe:0",
                        "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                        "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-b:v", "4000k",
                        "-c:a", audioCodec, "-b:a", "128k", "-f", "flv", "-listen", "1", "rtmp://127.0.0.1:" + q + "/live/src"))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                children.add(ff);
                Process proc = ff;
                Thread gen = new Thread(() -> generate(proc), "origin-frames");
                gen.setDaemon(true);
                gen.start();
                try (Socket up = connectWithRetry(q)) {
                    sockets.add(up);
                    Thread back = pump(up.getInputStream(), player.getOutputStream());
                    pump(player.getInputStream(), up.getOutputStream()).join();
                    back.join(2000);
                }
            } catch (IOException | InterruptedException e) {
                // player gone
            } finally {
                if (ff != null) ff.destroyForcibly();
            }
        }

        private void generate(Process ff) {
            byte[] frame = new byte[W * H];
            long start = System.nanoTime();
            long n = 0;
            try (OutputStream in = ff.getOutputStream()) {
                while (ff.isAlive()) {
                    long due = start + n * 1_000_000_000L / FPS;
                    long wait = due - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                    int shift = (int) ((n * 6) % W);
                    for (int y = 0; y < H; y++) System.arraycopy(texture, y * 2 * W + shift, frame, y * W, W);
                    stamp(frame, System.currentTimeMillis());
                    in.write(frame);
                    n++;
                }
            } catch (IOException e) {
                // encoder gone
            }
        }

        private static byte[] texture() {
            byte[] t = new byte[2 * W * H];
            java.util.Random r = new java.util.Random(7);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < 2 * W; x++) {
                    int v = (int) (128 + 60 * Math.sin(x / 37.0) * Math.cos(y / 23.0) + r.nextInt(24));
                    t[y * 2 * W + x] = (byte) Math.max(0, Math.min(255, v));
                }
            }
            return t;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            server.close();
            for (Socket s : sockets) s.close();
            for (Process p : children) p.destroyForcibly();
        }
    }

    /**
     * Decodes a stream and records, for each frame, now minus the barcode's time. As a destination
     * ({@link #listen}) it accepts the worker's push; as a player ({@link #pull}) it reads the
     * origin directly (the baseline without the worker).
     */
    static final class LatencyProbe implements AutoCloseable {
        private final List<Long> samples = Collections.synchronizedList(new ArrayList<>());
        private final List<Process> children = new CopyOnWriteArrayList<>();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private ServerSocket server;
        private volatile boolean recording;
        /** Sees every decoded frame (gray, W × H) on arrival, or null (HtmlBench watches for an overlay change). */
        volatile java.util.function.Consumer<byte[]> watcher;

        static LatencyProbe listen() throws IOException {
            LatencyProbe p = new LatencyProbe();
            p.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            Thread t = new Thread(p::accept, "probe-accept");
            t.setDaemon(true);
            t.start();
            return p;
        }

        static LatencyProbe pull(String url) throws IOException {
            LatencyProbe p = new LatencyProbe();
            p.decode(List.of("-i", url));
            return p;
        }

        String appUrl() { return "rtmp://127.0.0.1:" + server.getLocalPort() + "/live"; }

        void record(boolean on) {
            if (on) samples.clear();
            recording = on;
        }

        List<Long> samples() {
            synchronized (samples) {
                return new ArrayList<>(samples);
            }
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    sockets.add(client);
                    Thread h = new Thread(() -> {
                        try (client) {
                            int q = freePort();
                            decode(List.of("-listen", "1", "-i", "rtmp://127.0.0.1:" + q + "/live/probe"));
                            try (Socket up = connectWithRetry(q)) {
                                sockets.add(up);
                                Thread back = pump(up.getInputStream(), client.getOutputStream());
                                pump(client.getInputStream(), up.getOutputStream()).join();
                                back.join(2000);
                            }
                        } catch (IOException | InterruptedException e) {
                            // gone
                        }
                    }, "probe-conn");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void decode(List<String> input) throws IOException {
            List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-fflags", "nobuffer",
                    "-flags", "low_delay", "-threads", "1"));
            args.addAll(input);
            args.addAll(List.of("-an", "-f", "rawvideo", "-pix_fmt", "gray", "-s", W + "x" + H, "pipe:1"));
            Process ff = FfmpegBinaries.processBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            children.add(ff);
            Thread reader = new Thread(() -> {
                byte[] frame = new byte[W * H];
                try (DataInputStream in = new DataInputStream(ff.getInputStream())) {
                    while (true) {
                        in.readFully(frame);
                        long ms = read(frame);
                        if (ms > 0 && recording) samples.add(System.currentTimeMillis() - ms);
                        java.util.function.Consumer<byte[]> w = watcher;
                        if (w != null) w.accept(frame);
                    }
                } catch (IOException e) {
                    // stream over
                }
            }, "probe-frames");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void close() throws IOException {
            if (server != null) server.close();
            for (Socket s : sockets) s.close();
            for (Process p : children) p.destroyForcibly();
        }
    }
}
