package io.restream.worker.process;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One block of FFmpeg's {@code -progress} output ({@code key=value} lines up to {@code progress=…}).
 *
 * @param fields the raw keys and values of the block
 */
public record Progress(Map<String, String> fields) {
    public Progress {
        fields = Map.copyOf(fields);
    }

    /** Bytes written by the muxer so far ({@code total_size}). */
    public OptionalLong totalSize() { return number("total_size"); }

    /** Output position in microseconds ({@code out_time_us}). */
    public OptionalLong outTimeUs() { return number("out_time_us"); }

    /** {@code bitrate=1234.5kbits/s} as kbit/s. */
    public OptionalDouble bitrateKbps() {
        String v = fields.get("bitrate");
        if (v == null || !v.endsWith("kbits/s")) return OptionalDouble.empty();
        try {
            return OptionalDouble.of(Double.parseDouble(v.substring(0, v.length() - "kbits/s".length()).trim()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    public OptionalDouble fps() { return decimal("fps"); }

    /** {@code speed=1.01x}. */
    public OptionalDouble speed() {
        String v = fields.get("speed");
        return v == null ? OptionalDouble.empty() : parse(v.endsWith("x") ? v.substring(0, v.length() - 1) : v);
    }

    public OptionalLong droppedFrames() { return number("drop_frames"); }

    /** True for the last block, written when FFmpeg ends. */
    public boolean isEnd() { return "end".equals(fields.get("progress")); }

    private OptionalLong number(String key) {
        String v = fields.get(key);
        if (v == null) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private OptionalDouble decimal(String key) {
        String v = fields.get(key);
        return v == null ? OptionalDouble.empty() : parse(v);
    }

    private static OptionalDouble parse(String v) {
        try {
            return OptionalDouble.of(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
