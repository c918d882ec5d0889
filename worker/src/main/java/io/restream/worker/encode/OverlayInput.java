package io.restream.worker.encode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The overlay's way into one encoder run: a loopback TCP socket the run's FFmpeg connects to as
 * its overlay input ({@link #url()}), so that the encoder's stdin stays free for FFmpeg's
 * interactive commands (the overlay's on/off switch, see {@link OverlayFeeder}). One connection
 * per run; the listening socket closes as soon as it is taken, so nothing else can connect.
 */
final class OverlayInput implements AutoCloseable {
    private static final int ACCEPT_POLL_MS = 200;

    private final ServerSocket server;
    private volatile Socket socket;

    private OverlayInput(ServerSocket server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1 on a free port. */
    static OverlayInput open() throws IOException {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        s.setSoTimeout(ACCEPT_POLL_MS);
        return new OverlayInput(s);
    }

    /** What FFmpeg opens as the overlay input. */
    String url() { return "tcp://127.0.0.1:" + server.getLocalPort(); }

    /**
     * Waits for the run's FFmpeg to connect (it opens its inputs in order, so after the source's
     * probe); null when {@code stopped} says so first or the socket was closed.
     */
    OutputStream accept(BooleanSupplier stopped) throws IOException {
        while (!stopped.getAsBoolean()) {
            try {
                Socket s = server.accept();
                server.close();
                s.setTcpNoDelay(true);
                socket = s;
                return s.getOutputStream();
            } catch (SocketTimeoutException e) {
                // look at stopped again
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            server.close();
            Socket s = socket;
            if (s != null) s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
