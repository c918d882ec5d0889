package io.restream.worker.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.model.Overlay;
import io.restream.worker.WorkerConfig;
import io.restream.worker.source.SourceInfo;
import io.restream.worker.source.SourceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodePlannerTest {
    private static final WorkerConfig CONFIG = WorkerConfig.from(Settings.of(Map.of()), new Problems());
    private static final SourceSpec URL = new SourceSpec(false, "rtmp://o/live/x", List.of("-i", "rtmp://o/live/x"));
    private static final SourceSpec DEMO = new SourceSpec(true, "testsrc2", List.of("-f", "lavfi", "-i", "testsrc2"));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case,                        demo,  video, audio, w,    h,    banner, tracks,      mode,   outW, outH, silence
        "h264+aac 720p copies,          false, h264,  aac,   1280, 720,  false,  audio|video, COPY,   1280, 720,  false",
        "a banner forces an encode,     false, h264,  aac,   1280, 720,  true,   audio|video, ENCODE, 1280, 720,  false",
        "hevc is encoded,               false, hevc,  aac,   1280, 720,  false,  audio|video, ENCODE, 1280, 720,  false",
        "opus audio is encoded,         false, h264,  opus,  1280, 720,  false,  audio|video, ENCODE, 1280, 720,  false",
        "4k is scaled to 1080p,         false, h264,  aac,   3840, 2160, false,  audio|video, ENCODE, 1920, 1080, false",
        "no audio track: silence,       false, h264,  ,      1280, 720,  false,  audio|video, ENCODE, 1280, 720,  true",
        "video-only trackNames,         false, h264,  aac,   1280, 720,  false,  video,       ENCODE, 1280, 720,  true",
        "demo is always encoded,        true,  ,      ,      0,    0,    false,  audio|video, ENCODE, 1280, 720,  false",
        "odd sizes are made even,       false, h264,  aac,   1279, 719,  true,   audio|video, ENCODE, 1276, 718,  false",
    })
    void plans(String name, boolean demo, String video, String audio, int w, int h, boolean banner, String tracks,
               EncoderCommand.Mode mode, int outW, int outH, boolean silence) {
        SourceInfo info = demo ? null : new SourceInfo(video, audio, w, h);
        Overlay overlay = banner ? new Overlay(null, "https://cdn/x.png", null, null, null, null) : null;
        EncoderCommand c = EncodePlanner.plan(demo ? DEMO : URL, info, overlay, List.of(tracks.split("\\|")), CONFIG);
        assertEquals(mode, c.mode(), name);
        assertEquals(outW, c.width(), name);
        assertEquals(outH, c.height(), name);
        assertEquals(silence, c.silence(), name);
    }
}
