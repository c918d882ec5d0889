package io.restream.sim.ingest;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One publish session on the simulated ingest: what arrived (codecs, size, frame counts, key
 * frames, bytes) and, for snapshots, the last AVC sequence header and the tags of the last GOP.
 */
public final class IngestStream {
    /** Bytes of GOP kept for snapshots; older tags are dropped. */
    static final int MAX_GOP_BYTES = 12 * 1024 * 1024;

    private final String platform;
    private final String streamKey;
    private final String app;
    private final boolean tls;
    private final long startedAt = System.currentTimeMillis();
    private volatile long endedAt;
    private String videoCodec;
    private String audioCodec;
    private int width;
    private int height;
    private double metadataFps;
    private long videoFrames;
    private long keyframes;
    private long audioFrames;
    private long bytes;
    private long firstVideoTs = -1;
    private long lastVideoTs = -1;
    private byte[] avcHeader;
    private final List<byte[]> gop = new ArrayList<>();
    private final List<Long> gopTs = new ArrayList<>();
    private int gopBytes;

    IngestStream(String platform, String streamKey, String app, boolean tls) {
        this.platform = platform;
        this.streamKey = streamKey;
        this.app = app;
        this.tls = tls;
    }

    public String platform() { return platform; }
    public String streamKey() { return streamKey; }
    public boolean live() { return endedAt == 0; }

    synchronized void metadata(Map<String, Object> meta) {
        if (meta.get("width") instanceof Number w && width == 0) width = w.intValue();
        if (meta.get("height") instanceof Number h && height == 0) height = h.intValue();
        if (meta.get("framerate") instanceof Number f) metadataFps = f.doubleValue();
    }

    synchronized void video(long ts, byte[] data) {
        bytes += data.length;
        if (data.length < 2) return;
        int frameType = (data[0] >> 4) & 0x0f;
        int codec = data[0] & 0x0f;
        videoCodec = switch (codec) {
            case 7 -> "h264";
            case 12 -> "hevc";
            case 2 -> "h263";
            default -> "codec" + codec;
        };
        if (codec == 7 && data[1] == 0) {
            avcHeader = data;
            AvcConfig.Size size = AvcConfig.size(data, 5);
            if (size != null) {
                width = size.width();
                height = size.height();
            }
            return;
        }
        if (codec == 7 && data[1] == 2) return; // end of sequence
        videoFrames++;
        if (firstVideoTs < 0) firstVideoTs = ts;
        lastVideoTs = ts;
        if (frameType == 1) {
            keyframes++;
            gop.clear();
            gopTs.clear();
            gopBytes = 0;
        }
        if (gopBytes + data.length <= MAX_GOP_BYTES && (frameType == 1 || !gop.isEmpty())) {
            gop.add(data);
            gopTs.add(ts);
            gopBytes += data.length;
        }
    }

    synchronized void audio(byte[] data) {
        bytes += data.length;
        if (data.length < 2) return;
        int format = (data[0] >> 4) & 0x0f;
        audioCodec = switch (format) {
            case 10 -> "aac";
            case 2 -> "mp3";
            case 9 -> "exheader";
            default -> "format" + format;
        };
        if (format == 10 && data[1] == 0) return; // AudioSpecificConfig
        audioFrames++;
    }

    void end() {
        if (endedAt == 0) endedAt = System.currentTimeMillis();
    }

    /** The frame rate measured from the video timestamps (the metadata's when too few frames). */
    synchronized double fps() {
        if (videoFrames > 10 && lastVideoTs > firstVideoTs) {
            return Math.round((videoFrames - 1) * 1000.0 / (lastVideoTs - firstVideoTs) * 100) / 100.0;
        }
        return metadataFps;
    }

    /** The JSON row of {@code GET /sim/{platform}/streams}. */
    public synchronized Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("streamKey", streamKey);
        m.put("state", live() ? "live" : "ended");
        m.put("app", app);
        m.put("tls", tls);
        m.put("videoCodec", videoCodec);
        m.put("audioCodec", audioCodec);
        m.put("width", width);
        m.put("height", height);
        m.put("fps", fps());
        m.put("videoFrames", videoFrames);
        m.put("keyframes", keyframes);
        m.put("audioFrames", audioFrames);
        m.put("bytes", bytes);
        m.put("startedAt", startedAt);
        m.put("endedAt", endedAt == 0 ? null : endedAt);
        return m;
    }

    /** An FLV file of the sequence header and the last GOP (video only), or null before a key frame. */
    synchronized byte[] lastGopFlv() {
        if (avcHeader == null || gop.isEmpty()) return null;
        ByteArrayOutputStream out = new ByteArrayOutputStream(gopBytes + 1024);
        out.writeBytes(new byte[] {'F', 'L', 'V', 1, 1, 0, 0, 0, 9, 0, 0, 0, 0});
        long base = gopTs.get(0);
        writeTag(out, 0, avcHeader);
        for (int i = 0; i < gop.size(); i++) writeTag(out, gopTs.get(i) - base, gop.get(i));
        return out.toByteArray();
    }

    private static void writeTag(ByteArrayOutputStream out, long ts, byte[] data) {
        int n = data.length;
        out.writeBytes(new byte[] {9, (byte) (n >> 16), (byte) (n >> 8), (byte) n,
                (byte) (ts >> 16), (byte) (ts >> 8), (byte) ts, (byte) (ts >> 24), 0, 0, 0});
        out.writeBytes(data);
        int total = n + 11;
        out.writeBytes(new byte[] {(byte) (total >> 24), (byte) (total >> 16), (byte) (total >> 8), (byte) total});
    }
}
