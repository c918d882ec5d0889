package io.restream.worker.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies bytes from one stream to another on a daemon thread until either side closes. */
final class Pump {
    private Pump() {}

    static Thread start(InputStream in, OutputStream out, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // One side closed: the pump's work is done.
            } finally {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
