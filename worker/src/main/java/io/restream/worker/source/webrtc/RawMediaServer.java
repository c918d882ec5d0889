package io.restream.worker.source.webrtc;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Serves the decoded media to the encoder as two loopback TCP streams that FFmpeg reads as
 * inputs: constant-frame-rate raw yuv420p of a size fixed at the first frame (the latest picture
 * repeated when the publisher sends fewer frames), and 48 kHz stereo s16le (silence when there is
 * no audio track or nothing arrived). Each encoder run connects anew, so the encoder's own retry
 * loop works unchanged.
 *
 * <pre>
 *   WAITING ──first video frame (sockets open, "media" event)──► FLOWING
 *   FLOWING ──no video for stallMs ("stalled": readers closed, new ones refused)──► STALLED
 *   STALLED ──video again ("live")──► FLOWING
 * </pre>
 * A stall is how the publisher leaving is seen (a peer connection may still say connected for
 * seconds); closing the streams ends the encoder's run, which puts the standby picture on air.
 */
final class RawMediaServer implements AutoCloseable {
    private static final int AUDIO_CHUNK_MS = 20;

    private final int fps;
    private final int maxHeight;
    private final long stallNanos;
    private final Consumer<String> events;
    private final PcmBuffer pcm = new PcmBuffer();
    private final Set<Socket> readers = ConcurrentHashMap.newKeySet();
    private volatile I420Scaler scaler;
    private volatile byte[] latest;
    private volatile long lastFrameNanos;
    private volatile boolean stalled;
    private volatile boolean closed;
    private ServerSocket videoServer;
    private ServerSocket audioServer;

    /** @param events JSON lines for the parent ({@code media}, {@code stalled}, {@code live}) */
    RawMediaServer(int fps, int maxHeight, long stallMs, Consumer<String> events) {
        this.fps = fps;
        this.maxHeight = maxHeight;
        this.stallNanos = stallMs * 1_000_000;
        this.events = events;
    }

    /** A decoded frame from the stack (its thread). */
    void video(VideoFrame frame) {
        if (closed) return;
        I420Buffer buffer = frame.buffer instanceof I420Buffer i ? i : frame.buffer.toI420();
        try {
            if (scaler == null) open(buffer.getWidth(), buffer.getHeight());
            latest = scaler.scale(buffer);
        } finally {
            if (buffer != frame.buffer) buffer.release();
        }
        lastFrameNanos = System.nanoTime();
        if (stalled) {
            stalled = false;
            events.accept("{\"ev\":\"live\"}");
        }
    }

    /** Decoded audio from the stack (its thread). */
    void audio(byte[] data, int bits, int rate, int channels, int frames) {
        pcm.write(data, bits, rate, channels, frames);
    }

    @Override
    public void close() {
        closed = true;
        closeReaders();
        closeQuietly(videoServer);
        closeQuietly(audioServer);
    }

    private synchronized void open(int sourceWidth, int sourceHeight) {
        if (scaler != null) return;
        int h = even(Math.min(sourceHeight, maxHeight));
        int w = even((int) Math.round((double) sourceWidth * h / sourceHeight));
        try {
            InetAddress lo = InetAddress.getLoopbackAddress();
            videoServer = new ServerSocket(0, 4, lo);
            audioServer = new ServerSocket(0, 4, lo);
        } catch (IOException e) {
            events.accept("{\"ev\":\"error\",\"message\":\"cannot listen on loopback\"}");
            return;
        }
        scaler = new I420Scaler(w, h);
        lastFrameNanos = System.nanoTime();
        daemon("accept-video", () -> accept(videoServer, this::serveVideo));
        daemon("accept-audio", () -> accept(audioServer, this::serveAudio));
        daemon("stall-watch", this::watchStall);
        events.accept("{\"ev\":\"media\",\"width\":" + w + ",\"height\":" + h + ",\"sourceWidth\":" + sourceWidth
                + ",\"sourceHeight\":" + sourceHeight + ",\"videoPort\":" + videoServer.getLocalPort()
                + ",\"audioPort\":" + audioServer.getLocalPort() + "}");
    }

    private void accept(ServerSocket server, Consumer<Socket> serve) {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            if (stalled || closed) {
                closeQuietly(s);
                continue;
            }
            readers.add(s);
            daemon("serve-" + s.getLocalPort(), () -> {
                try (s) {
                    serve.accept(s);
                } catch (IOException e) {
                    // the encoder closed it, or we did
                } finally {
                    readers.remove(s);
                }
            });
        }
    }

    private void serveVideo(Socket s) {
        paced(s, 1_000_000_000L / fps, () -> latest);
    }

    private void serveAudio(Socket s) {
        pcm.trim();
        byte[] chunk = new byte[PcmBuffer.RATE / 1000 * AUDIO_CHUNK_MS * PcmBuffer.BYTES_PER_FRAME];
        paced(s, AUDIO_CHUNK_MS * 1_000_000L, () -> {
            pcm.read(chunk);
            return chunk;
        });
    }

    /** Writes one unit per period in real time; a reader that fell over a second behind skips ahead. */
    private void paced(Socket s, long periodNanos, java.util.function.Supplier<byte[]> next) {
        try {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            long due = System.nanoTime();
            while (!closed && !stalled) {
                out.write(next.get());
                due += periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                else if (wait < -1_000_000_000L) due = System.nanoTime();
            }
        } catch (IOException e) {
            // reader gone
        }
    }

    private void watchStall() {
        while (!closed) {
            LockSupport.parkNanos(100_000_000L);
            if (!stalled && System.nanoTime() - lastFrameNanos > stallNanos) {
                stalled = true;
                closeReaders();
                events.accept("{\"ev\":\"stalled\"}");
            }
        }
    }

    private void closeReaders() {
        for (Socket s : readers) closeQuietly(s);
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, "webrtc-" + name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    private static int even(int n) { return Math.max(2, n - (n % 2)); }
}
