package io.restream.worker.source;

/**
 * What a probe found in a source.
 *
 * @param videoCodec e.g. {@code h264}, or null when there is no video
 * @param audioCodec e.g. {@code aac}, or null when there is no audio
 * @param width 0 when unknown
 * @param height 0 when unknown
 * @param audioRate the audio sample rate in Hz, 0 when unknown
 */
public record SourceInfo(String videoCodec, String audioCodec, int width, int height, int audioRate) {
    public SourceInfo(String videoCodec, String audioCodec, int width, int height) {
        this(videoCodec, audioCodec, width, height, 0);
    }

    public boolean hasAudio() { return audioCodec != null; }

    public boolean hasVideo() { return videoCodec != null; }
}
