package io.restream.worker.testing;

import io.restream.core.media.FfmpegBinaries;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.awaitility.Awaitility;

/**
 * A real RTMP (or RTMPS) receiver on loopback for tests. FFmpeg's {@code -listen 1} takes one
 * publisher per process and cannot listen for RTMPS, so this listens itself, and for every
 * publisher that connects starts a fresh FFmpeg listener (recording {@code -c copy} to its own
 * FLV file) and forwards the bytes to it, terminating TLS first when asked. It counts publishers,
 * and how many were connected at once. {@link #kill()} drops everything and stops listening;
 * {@link #revive()} listens again on the same port.
 */
public final class RtmpReceiver implements AutoCloseable {
    private final Path dir;
    private final String key;
    private final SSLContext tls;
    private final int port;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final List<Path> recordings = new CopyOnWriteArrayList<>();
    private final List<Process> listeners = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    public RtmpReceiver(Path dir, String key, SSLContext tls) throws IOException {
        this.dir = dir;
        this.key = key;
        this.tls = tls;
        Files.createDirectories(dir);
        this.server = open(0);
        this.port = server.getLocalPort();
        acceptLoop(server);
    }

    public static RtmpReceiver plain(Path dir, String key) throws IOException {
        return new RtmpReceiver(dir, key, null);
    }

    /** The URL a publisher pushes to, without the key ({@code rtmp://127.0.0.1:port/live}). */
    public String appUrl() { return (tls != null ? "rtmps" : "rtmp") + "://127.0.0.1:" + port + "/live"; }

    public String key() { return key; }

    public int connections() { return connections.get(); }

    public int connectedNow() { return concurrent.get(); }

    public int maxConcurrent() { return maxConcurrent.get(); }

    /** Every FLV recorded so far, oldest first (one per publisher connection). */
    public List<Path> recordings() { return List.copyOf(recordings); }

    /** The newest recording, or null. */
    public Path latest() {
        List<Path> all = recordings();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Bytes of the newest recording (0 when none). */
    public long latestBytes() {
        Path p = latest();
        try {
            return p == null || !Files.exists(p) ? 0 : Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Drops every publisher and stops listening (the platform went away). */
    public synchronized void kill() throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
        for (Process p : listeners) {
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Listens again on the same port. */
    public synchronized void revive() throws IOException {
        server = open(port);
        acceptLoop(server);
    }

    @Override
    public void close() throws IOException {
        kill();
    }

    private ServerSocket open(int onPort) throws IOException {
        ServerSocket s = tls != null ? tls.getServerSocketFactory().createServerSocket() : new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        if (s instanceof SSLServerSocket ssl) ssl.setNeedClientAuth(false);
        return s;
    }

    private void acceptLoop(ServerSocket s) {
        Acceptor.start(s, sockets, this::handle, "receiver-" + key);
    }

    private void handle(Socket client) {
        int n = connections.incrementAndGet();
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        Path out = dir.resolve(key + "-" + n + ".flv");
        Process ffmpeg = null;
        java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (client) {
            int internal = freePort();
            ffmpeg = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error", "-nostdin",
                            "-listen", "1", "-i", "rtmp://127.0.0.1:" + internal + "/live/" + key,
                            "-c", "copy", "-f", "flv", "-flush_packets", "1", "-y", out.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve(key + "-" + n + ".log").toFile()).start();
            listeners.add(ffmpeg);
            recordings.add(out);
            Socket upstream = connectWithRetry(internal);
            sockets.add(upstream);
            try (upstream) {
                Thread back = pump(upstream.getInputStream(), client.getOutputStream());
                pump(client.getInputStream(), upstream.getOutputStream()).join();
                // The publisher's connection is closed: it no longer counts, whatever FFmpeg still does.
                if (counted.compareAndSet(true, false)) concurrent.decrementAndGet();
                back.join(2000);
            }
        } catch (IOException | InterruptedException e) {
            // the publisher or the listener went away
        } finally {
            if (counted.compareAndSet(true, false)) concurrent.decrementAndGet();
            if (ffmpeg != null) {
                try {
                    if (!ffmpeg.waitFor(5, TimeUnit.SECONDS)) ffmpeg.destroyForcibly();
                } catch (InterruptedException e) {
                    ffmpeg.destroyForcibly();
                }
            }
        }
    }

    private static Socket connectWithRetry(int port) {
        AtomicReference<Socket> socket = new AtomicReference<>();
        Awaitility.await("FFmpeg listening on " + port).atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> {
                    socket.set(new Socket(InetAddress.getLoopbackAddress(), port));
                    return true;
                });
        return socket.get();
    }

    private static Thread pump(InputStream in, OutputStream out) {
        return Pump.start(in, out, "receiver-pump");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A TLS context with a fresh self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
    public static SSLContext selfSignedTls(Path dir) throws Exception {
        Path store = dir.resolve("receiver.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "receiver", "-keyalg", "RSA", "-keysize", "2048",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IOException("keytool failed");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

}
