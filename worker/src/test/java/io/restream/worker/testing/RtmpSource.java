package io.restream.worker.testing;

import io.restream.core.media.FfmpegBinaries;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * A live RTMP origin on loopback that players pull from: for every player that connects, a fresh
 * FFmpeg serves a generated H.264/AAC stream ({@code -listen 1} on the output side), and this
 * forwards the bytes. {@link #kill()} cuts every player and stops listening (the publisher went
 * away); {@link #revive()} serves again on the same port.
 */
public final class RtmpSource implements AutoCloseable {
    private final String size;
    private final int keyframeFrames;
    private final int port;
    private final AtomicInteger players = new AtomicInteger();
    private final List<Process> servers = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    /**
     * @param size e.g. {@code 320x240}
     * @param keyframeFrames the source's GOP in frames (at 30 fps)
     */
    public RtmpSource(String size, int keyframeFrames) throws IOException {
        this.size = size;
        this.keyframeFrames = keyframeFrames;
        this.server = open(0);
        this.port = server.getLocalPort();
        acceptLoop(server);
    }

    /** A source URL template for the worker ({@code rtmp://127.0.0.1:port/live/{id}}). */
    public String template() { return "rtmp://127.0.0.1:" + port + "/live/{id}"; }

    public int players() { return players.get(); }

    public synchronized void kill() throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
        for (Process p : servers) p.destroyForcibly();
    }

    /**
     * The origin loses its stream but stays up: connections are still accepted and then nothing is
     * said on them (as an RTMP server answers a play for a stream nobody publishes), so every pull
     * waits for its I/O timeout instead of being refused at once.
     */
    public synchronized void mute() throws IOException {
        kill();
        server = open(port);
        Acceptor.start(server, sockets, RtmpSource::hold, "mute-source");
    }

    private static void hold(Socket player) {
        try (player; InputStream in = player.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the player gave up, or the origin was killed
        }
    }

    public synchronized void revive() throws IOException {
        server = open(port);
        acceptLoop(server);
    }

    @Override
    public void close() throws IOException {
        kill();
    }

    /**
     * Listens on {@code port} (0: any). Again on the same port after {@link #kill()}, the bind is
     * retried for a few seconds: the old listener's close completes only once its accept thread has
     * left {@code accept()}, and until then the port is still taken (seen on a loaded machine).
     */
    private static ServerSocket open(int port) throws IOException {
        if (port == 0) return bind(0);
        AtomicReference<ServerSocket> bound = new AtomicReference<>();
        Awaitility.await("port " + port + " free again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreException(java.net.BindException.class).until(() -> {
                    bound.set(bind(port));
                    return true;
                });
        return bound.get();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void acceptLoop(ServerSocket s) {
        Acceptor.start(s, sockets, this::serve, "source");
    }

    private void serve(Socket player) {
        players.incrementAndGet();
        Process ffmpeg = null;
        try (player) {
            int internal;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                internal = probe.getLocalPort();
            }
            ffmpeg = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                    "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30[out0];sine=frequency=660:sample_rate=44100[out1]",
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", Integer.toString(keyframeFrames),
                    "-keyint_min", Integer.toString(keyframeFrames), "-sc_threshold", "0", "-b:v", "500k",
                    "-c:a", "aac", "-b:a", "64k", "-f", "flv", "-listen", "1", "rtmp://127.0.0.1:" + internal + "/live/src"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            servers.add(ffmpeg);
            AtomicReference<Socket> upstream = new AtomicReference<>();
            Awaitility.await("source FFmpeg listening").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                    .until(() -> {
                        upstream.set(new Socket(InetAddress.getLoopbackAddress(), internal));
                        return true;
                    });
            sockets.add(upstream.get());
            try (Socket up = upstream.get()) {
                Thread back = pump(up.getInputStream(), player.getOutputStream());
                pump(player.getInputStream(), up.getOutputStream()).join();
                back.join(2000);
            }
        } catch (IOException | InterruptedException e) {
            // the player or the server went away
        } finally {
            if (ffmpeg != null) ffmpeg.destroyForcibly();
        }
    }

    private static Thread pump(InputStream in, OutputStream out) {
        return Pump.start(in, out, "source-pump");
    }
}
