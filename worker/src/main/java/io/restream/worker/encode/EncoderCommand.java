package io.restream.worker.encode;

import io.restream.worker.source.SourceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoder's argument list, immutable. In {@link Mode#ENCODE} input 1 is the overlay: raw yuva420p
 * frames of the output size (the overlay filter's own format, so FFmpeg converts nothing) from a loopback socket of the run ({@link OverlayInput}), so that
 * banners change without a restart, and stdin carries FFmpeg's interactive commands: the overlay
 * filter ({@link #OVERLAY_FILTER}) starts with its timeline {@code enable} as asked and is switched
 * on and off from there ({@link OverlayFeeder}), so that nothing is blended while nothing is drawn.
 * The output is
 * H.264 CBR with a key frame every 2 s (SPS/PPS repeated in every key frame, so decoders follow a
 * change of parameters mid-stream) and AAC-LC 48 kHz (generated silence when {@code silence}), as
 * FLV on stdout. {@link Mode#COPY} remuxes an H.264/AAC source as it is.
 *
 * @param fps output frame rate (ENCODE)
 * @param videoKbps constant video bit rate
 * @param silence ENCODE only: use generated silence instead of the source's audio
 * @param copyAudio ENCODE only: pass the source's AAC through instead of re-encoding it (used when a
 *     copied stream switches to encoding, so that the audio configuration does not change mid-stream)
 * @param overlayFps how many overlay frames per second the worker writes
 * @param preset x264 preset
 */
public record EncoderCommand(
        SourceSpec source,
        Mode mode,
        int width,
        int height,
        int fps,
        int videoKbps,
        int audioKbps,
        boolean silence,
        boolean copyAudio,
        int overlayFps,
        String preset) {

    /** Re-encode (with the overlay) or copy. */
    public enum Mode { ENCODE, COPY }

    public static final int KEYFRAME_SECONDS = 2;

    /** The overlay filter's instance name: the target of the on/off commands. */
    static final String OVERLAY_FILTER = "overlay@banner";

    public EncoderCommand {
        if (width % 2 != 0 || height % 2 != 0) throw new IllegalArgumentException("output size must be even");
    }

    /** This command with the source's audio copied rather than re-encoded. */
    public EncoderCommand withCopiedAudio() {
        return new EncoderCommand(source, mode, width, height, fps, videoKbps, audioKbps, false, true, overlayFps, preset);
    }

    /** Bytes of one overlay frame on the overlay input (yuva420p). */
    public int overlayFrameBytes() { return Yuva420.frameBytes(width, height); }

    /** The arguments with a placeholder overlay input and the blend off (tests, the bench's codec arguments). */
    public List<String> args() {
        return args("tcp://127.0.0.1:0", false);
    }

    /**
     * @param overlayUrl the run's overlay input (ENCODE)
     * @param overlayOn whether the blend starts on (something is drawn when the run starts)
     */
    public List<String> args(String overlayUrl, boolean overlayOn) {
        List<String> a = new ArrayList<>(List.of("-hide_banner", "-loglevel", "warning", "-nostats",
                "-progress", "pipe:2", "-stats_period", "1"));
        if (mode == Mode.COPY) a.add("-nostdin");
        a.addAll(source.inputArgs());
        if (mode == Mode.COPY) {
            a.addAll(List.of("-map", "0:v:0", "-map", "0:a:0", "-c", "copy"));
        } else {
            a.addAll(OverlayRun.inputArgs(overlayUrl, width, height, overlayFps));
            if (silence) a.addAll(List.of("-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000"));
            else if (source.separateAudio()) a.addAll(source.audioInputArgs()); // a WebRTC source's PCM: input 2 as well
            String graph = "[0:v]scale=" + width + ":" + height + ":force_original_aspect_ratio=decrease,"
                    + "pad=" + width + ":" + height + ":(ow-iw)/2:(oh-ih)/2,setsar=1,fps=" + fps + "[base];"
                    + OverlayRun.blend(1, overlayOn);
            a.addAll(List.of("-filter_complex", graph, "-map", "[vout]", "-map", silence || source.separateAudio() ? "2:a:0" : "0:a:0"));
            a.addAll(videoCodecArgs(fps, videoKbps, preset));
            if (copyAudio) {
                a.addAll(List.of("-c:a", "copy"));
            } else {
                a.addAll(audioCodecArgs(audioKbps, 48000));
            }
        }
        a.addAll(OUTPUT_ARGS);
        return List.copyOf(a);
    }

    /** FLV on stdout, each packet flushed at once. */
    static final List<String> OUTPUT_ARGS = List.of("-f", "flv", "-flvflags", "no_duration_filesize", "-flush_packets", "1", "pipe:1");

    /** H.264 CBR, a key frame every {@link #KEYFRAME_SECONDS}, SPS/PPS in every key frame. */
    static List<String> videoCodecArgs(int fps, int videoKbps, String preset) {
        int gop = fps * KEYFRAME_SECONDS;
        String kbps = videoKbps + "k";
        return List.of("-c:v", "libx264", "-preset", preset, "-tune", "zerolatency", "-profile:v", "high",
                "-pix_fmt", "yuv420p",
                "-b:v", kbps, "-minrate", kbps, "-maxrate", kbps, "-bufsize", (videoKbps * 2) + "k",
                "-x264-params", "nal-hrd=cbr:repeat-headers=1",
                "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0",
                "-force_key_frames", "expr:gte(t,n_forced*" + KEYFRAME_SECONDS + ")");
    }

    /** AAC-LC stereo. */
    static List<String> audioCodecArgs(int audioKbps, int sampleRate) {
        return List.of("-c:a", "aac", "-profile:a", "aac_low", "-b:a", audioKbps + "k", "-ar", Integer.toString(sampleRate), "-ac", "2");
    }
}
