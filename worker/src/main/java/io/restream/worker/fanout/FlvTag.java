package io.restream.worker.fanout;

/**
 * One FLV tag.
 *
 * @param type {@link #AUDIO}, {@link #VIDEO} or {@link #SCRIPT}
 * @param timestamp milliseconds
 * @param data the tag body (codec header byte(s) and payload)
 */
public record FlvTag(int type, int timestamp, byte[] data) {
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int SCRIPT = 18;
    private static final int AVC = 7;
    private static final int AAC = 10;

    public boolean isVideo() { return type == VIDEO; }

    public boolean isAudio() { return type == AUDIO; }

    public boolean isScript() { return type == SCRIPT; }

    /** A video key frame (frame type 1), sequence headers included; not an end-of-sequence marker. */
    public boolean isKeyframe() {
        return type == VIDEO && data.length > 0 && ((data[0] >> 4) & 0x0f) == 1 && !isEndOfSequence();
    }

    /** An AVC end-of-sequence marker: what an encoder run writes when it ends (flagged as a key frame). */
    public boolean isEndOfSequence() {
        return type == VIDEO && data.length > 1 && (data[0] & 0x0f) == AVC && data[1] == 2;
    }

    /** An AVC or AAC sequence header (decoder configuration), which every new consumer needs first. */
    public boolean isSequenceHeader() {
        if (data.length < 2) return false;
        if (type == VIDEO) return (data[0] & 0x0f) == AVC && data[1] == 0;
        if (type == AUDIO) return ((data[0] >> 4) & 0x0f) == AAC && data[1] == 0;
        return false;
    }

    public FlvTag withTimestamp(int ts) {
        return new FlvTag(type, ts, data);
    }

    /** The tag as it goes on the wire: 11-byte header, body, and the 4-byte previous-tag size. */
    public byte[] encode() {
        int n = data.length;
        byte[] out = new byte[11 + n + 4];
        out[0] = (byte) type;
        out[1] = (byte) (n >> 16);
        out[2] = (byte) (n >> 8);
        out[3] = (byte) n;
        out[4] = (byte) (timestamp >> 16);
        out[5] = (byte) (timestamp >> 8);
        out[6] = (byte) timestamp;
        out[7] = (byte) (timestamp >> 24);
        System.arraycopy(data, 0, out, 11, n);
        int size = 11 + n;
        out[11 + n] = (byte) (size >> 24);
        out[12 + n] = (byte) (size >> 16);
        out[13 + n] = (byte) (size >> 8);
        out[14 + n] = (byte) size;
        return out;
    }

    /** The FLV file header (audio and video) with the zero previous-tag size after it. */
    public static byte[] fileHeader() {
        return new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0};
    }
}
