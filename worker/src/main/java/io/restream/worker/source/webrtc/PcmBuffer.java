package io.restream.worker.source.webrtc;

/**
 * Decoded audio on its way to the encoder, as 48 kHz stereo s16le: whatever the stack delivers
 * (mono, another rate) is converted on the way in; the reader takes fixed chunks in real time and
 * gets silence for what is missing. Bounded: beyond {@link #MAX_MS} the oldest audio is dropped,
 * so that a drift between the stack's clock and ours never grows into delay.
 */
final class PcmBuffer {
    static final int RATE = 48_000;
    static final int BYTES_PER_FRAME = 4;
    private static final int MAX_MS = 300;
    private static final int KEEP_MS = 60;

    private final byte[] ring = new byte[RATE * BYTES_PER_FRAME * MAX_MS / 1000];
    private int head;
    private int size;

    /** Adds one callback's worth of 16-bit samples ({@code channels} interleaved, at {@code rate}). */
    void write(byte[] data, int bits, int rate, int channels, int frames) {
        if (bits != 16 || channels < 1 || rate <= 0 || frames <= 0) return;
        int outFrames = (int) ((long) frames * RATE / rate);
        byte[] out = new byte[outFrames * BYTES_PER_FRAME];
        for (int i = 0; i < outFrames; i++) {
            int src = (int) ((long) i * rate / RATE);
            int l = (src * channels) * 2;
            int r = (src * channels + (channels > 1 ? 1 : 0)) * 2;
            out[i * 4] = data[l];
            out[i * 4 + 1] = data[l + 1];
            out[i * 4 + 2] = data[r];
            out[i * 4 + 3] = data[r + 1];
        }
        synchronized (this) {
            for (byte b : out) {
                if (size == ring.length) {
                    head = (head + 1) % ring.length;
                    size--;
                }
                ring[(head + size) % ring.length] = b;
                size++;
            }
        }
    }

    /** Keeps only the newest {@link #KEEP_MS} (a new reader starts with little delay). */
    synchronized void trim() {
        int keep = RATE * BYTES_PER_FRAME * KEEP_MS / 1000;
        if (size > keep) {
            head = (head + size - keep) % ring.length;
            size = keep;
        }
    }

    /** Fills {@code chunk} with the oldest audio, silence after it. */
    synchronized void read(byte[] chunk) {
        int n = Math.min(chunk.length, size - size % BYTES_PER_FRAME);
        for (int i = 0; i < n; i++) chunk[i] = ring[(head + i) % ring.length];
        java.util.Arrays.fill(chunk, n, chunk.length, (byte) 0);
        head = (head + n) % ring.length;
        size -= n;
    }
}
