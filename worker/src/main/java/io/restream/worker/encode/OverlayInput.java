package io.restream.worker.encode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The overlay's way into one encoder run: a loopback TCP socket the run's FFmpeg connects to as
 * its overlay input ({@link #url()}), so that the encoder's stdin stays free for FFmpeg's
 * interactive commands (the overlay's on/off switch, see {@link OverlayFeeder}). One connection
 * per run; the listening socket closes as soon as it is taken, so nothing else can connect.
 * Frames go out of direct buffers, so the JVM copies nothing on the way.
 */
final class OverlayInput implements AutoCloseable {
    private final ServerSocketChannel server;
    private volatile SocketChannel socket;

    private OverlayInput(ServerSocketChannel server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1 on a free port. */
    static OverlayInput open() throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        return new OverlayInput(s);
    }

    /** What FFmpeg opens as the overlay input. */
    String url() { return "tcp://127.0.0.1:" + server.socket().getLocalPort(); }

    /**
     * Waits for the run's FFmpeg to connect (it opens its inputs in order, so after the source's
     * probe); {@link #close()} ends the wait with an exception.
     */
    void accept() throws IOException {
        SocketChannel s = server.accept();
        server.close();
        s.setOption(StandardSocketOptions.TCP_NODELAY, true);
        socket = s;
    }

    /** Writes one whole frame (blocking while FFmpeg has not read the ones before). */
    void write(ByteBuffer frame) throws IOException {
        ByteBuffer b = frame.duplicate();
        while (b.hasRemaining()) socket.write(b);
    }

    @Override
    public void close() {
        try {
            server.close();
            SocketChannel s = socket;
            if (s != null) s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
