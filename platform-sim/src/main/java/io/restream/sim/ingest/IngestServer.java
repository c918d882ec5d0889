package io.restream.sim.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * The simulated platforms' RTMP ingest: one listener for RTMP and, with TLS terminated here, one for
 * RTMPS. Any number of stream keys publish at once, each connection on its own thread.
 */
public final class IngestServer implements AutoCloseable {
    private final ServerSocket rtmp;
    private final ServerSocket rtmps;
    private final Ingests ingests;
    private final ExecutorService threads;

    private IngestServer(ServerSocket rtmp, ServerSocket rtmps, Ingests ingests) {
        this.rtmp = rtmp;
        this.rtmps = rtmps;
        this.ingests = ingests;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sim-ingest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.submit(() -> accept(rtmp, false));
        threads.submit(() -> accept(rtmps, true));
    }

    /** Listens on {@code host} (ports 0 = any free port). */
    public static IngestServer start(String host, int rtmpPort, int rtmpsPort, SSLServerSocketFactory tls, Ingests ingests) throws IOException {
        InetAddress addr = InetAddress.getByName(host);
        ServerSocket plain = new ServerSocket(rtmpPort, 50, addr);
        ServerSocket secure = tls.createServerSocket(rtmpsPort, 50, addr);
        return new IngestServer(plain, secure, ingests);
    }

    public int rtmpPort() { return rtmp.getLocalPort(); }
    public int rtmpsPort() { return rtmps.getLocalPort(); }

    private void accept(ServerSocket server, boolean tls) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.submit(new RtmpSession(s, tls, ingests));
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    @Override
    public void close() {
        try {
            rtmp.close();
            rtmps.close();
        } catch (IOException ignored) {
            // closing
        }
        ingests.dropAll();
        threads.shutdownNow();
    }
}
