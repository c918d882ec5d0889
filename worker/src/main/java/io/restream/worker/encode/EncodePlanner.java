package io.restream.worker.encode;

import io.restream.core.model.Overlay;
import io.restream.worker.WorkerConfig;
import io.restream.worker.source.SourceInfo;
import io.restream.worker.source.SourceSpec;
import java.util.List;

/**
 * Decides how a job is encoded. Copy when nothing needs re-encoding: no overlay to draw, an H.264
 * video of at most the height cap, and AAC audio that the job wants. Otherwise encode, to the
 * source's size scaled down to the cap (demo sources: the configured demo size).
 */
public final class EncodePlanner {
    private static final int FALLBACK_WIDTH = 1280;
    private static final int FALLBACK_HEIGHT = 720;

    private EncodePlanner() {}

    /**
     * @param info what the probe found (null for a demo source)
     */
    public static EncoderCommand plan(SourceSpec source, SourceInfo info, Overlay overlay, List<String> trackNames, WorkerConfig config) {
        boolean wantsAudio = trackNames == null || trackNames.isEmpty() || trackNames.contains("audio");
        int width;
        int height;
        if (source.demo() || info == null) {
            width = source.demo() ? config.demoWidth() : FALLBACK_WIDTH;
            height = source.demo() ? config.demoHeight() : FALLBACK_HEIGHT;
        } else if (info.width() > 0 && info.height() > 0) {
            height = even(Math.min(info.height(), config.maxHeight()));
            width = even((int) Math.round((double) info.width() * height / info.height()));
        } else {
            width = FALLBACK_WIDTH;
            height = FALLBACK_HEIGHT;
        }
        if (height > config.maxHeight()) {
            width = even((int) Math.round((double) width * config.maxHeight() / height));
            height = even(config.maxHeight());
        }
        boolean copy = !source.demo() && info != null
                && (overlay == null || !overlay.drawsAnything())
                && "h264".equals(info.videoCodec()) && info.height() > 0 && info.height() <= config.maxHeight()
                && wantsAudio && "aac".equals(info.audioCodec());
        boolean silence = !wantsAudio || info == null && !source.demo() || info != null && !info.hasAudio();
        return new EncoderCommand(source, copy ? EncoderCommand.Mode.COPY : EncoderCommand.Mode.ENCODE,
                width, height, config.fps(), config.videoKbps(), config.audioKbps(), silence, false,
                config.overlayFps(), config.x264Preset());
    }

    private static int even(int n) { return Math.max(2, n - (n % 2)); }
}
