package io.restream.worker.encode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The standby encoder's argument list, immutable: the last source frame (or a dark picture when
 * there is none), dimmed, with a "We’ll be right back" card, and silence, encoded with the job's
 * own settings (size, frame rate, bit rate, key frame interval, AAC sample rate), in real time, so
 * that platforms see one continuous stream. The last frame comes from the hub's cached GOP in the
 * same FFmpeg (decode the GOP, keep its last frame, repeat it), so the standby costs one start-up.
 * The job's live banners go over it ({@link #args(String, boolean, int)}).
 *
 * @param gop the cached GOP as an FLV file, or null
 * @param lastFrame the index of the GOP's last video frame
 * @param audioRate the sample rate the job's audio has had (48000 unless a copied source said otherwise)
 */
public record StandbyCommand(Path gop, int lastFrame, int width, int height, int fps, int videoKbps, int audioKbps, int audioRate,
                             String preset) {
    static final String FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    static final String CARD_TEXT = "We’ll be right back";

    /** The standby for a job encoded with {@code job}. */
    public static StandbyCommand of(EncoderCommand job, Path gop, int lastFrame, int audioRate) {
        return new StandbyCommand(gop, lastFrame, job.width(), job.height(), job.fps(), job.videoKbps(), job.audioKbps(),
                audioRate > 0 ? audioRate : 48000, job.preset());
    }

    /** Without banners (when the standby's overlay input could not be opened). */
    public List<String> args() {
        return args(null, false, 0);
    }

    /**
     * With the job's live banners over the picture, undimmed: input 2 is the overlay input at
     * {@code overlayUrl} ({@link OverlayRun}), blended as in the job's encoder and switched the same
     * way over stdin. The last frame still carries the banners it had, dimmed under the live ones.
     */
    public List<String> args(String overlayUrl, boolean overlayOn, int overlayFps) {
        boolean banners = overlayUrl != null;
        List<String> a = new ArrayList<>(List.of("-hide_banner", "-loglevel", "warning", "-nostats"));
        if (!banners) a.add("-nostdin"); // stdin carries the blend's on/off commands
        a.addAll(List.of("-progress", "pipe:2", "-stats_period", "1"));
        String still;
        if (gop != null) {
            a.addAll(List.of("-f", "flv", "-i", gop.toString()));
            still = "[0:v]trim=start_frame=" + lastFrame + ",loop=loop=-1:size=1:start=0,setpts=N/" + fps + "/TB,realtime,";
        } else {
            still = "[0:v]";
            a.addAll(List.of("-re", "-f", "lavfi", "-i", "color=c=0x303030:s=" + width + "x" + height + ":r=" + fps));
        }
        a.addAll(List.of("-re", "-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=" + audioRate));
        if (banners) a.addAll(OverlayRun.inputArgs(overlayUrl, width, height, overlayFps));
        String card = "drawbox=x=0:y=ih*2/5:w=iw:h=ih/5:color=black@0.7:t=fill";
        if (Files.exists(Path.of(FONT))) {
            card += ",drawtext=fontfile=" + FONT + ":text='" + CARD_TEXT + "':fontsize=" + Math.max(14, height / 12)
                    + ":fontcolor=white:x=(w-tw)/2:y=(h-th)/2";
        }
        String graph = still + "scale=" + width + ":" + height + ":force_original_aspect_ratio=decrease,"
                + "pad=" + width + ":" + height + ":(ow-iw)/2:(oh-ih)/2,setsar=1,fps=" + fps + ","
                + "colorchannelmixer=rr=0.4:gg=0.4:bb=0.4," + card + (banners ? "[base];" + OverlayRun.blend(2, overlayOn) : "[vout]");
        a.addAll(List.of("-filter_complex", graph, "-map", "[vout]", "-map", "1:a:0"));
        a.addAll(EncoderCommand.videoCodecArgs(fps, videoKbps, preset));
        a.addAll(EncoderCommand.audioCodecArgs(audioKbps, audioRate));
        a.addAll(EncoderCommand.OUTPUT_ARGS);
        return List.copyOf(a);
    }
}
