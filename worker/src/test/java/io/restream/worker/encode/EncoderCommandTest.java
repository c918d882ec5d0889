package io.restream.worker.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.worker.source.SourceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden argument lists: any change to what we ask FFmpeg to do shows up here. */
class EncoderCommandTest {
    private static final SourceSpec RTMP = new SourceSpec(false, "rtmp://origin/live/abc",
            List.of("-rw_timeout", "10000000", "-analyzeduration", "2000000", "-i", "rtmp://origin/live/abc"));

    @Test
    void encodeWithOverlayInputAndGeneratedSilence() {
        EncoderCommand c = new EncoderCommand(RTMP, EncoderCommand.Mode.ENCODE, 1280, 720, 30, 3000, 128, true, false, 4, "veryfast");
        assertEquals(List.of("-hide_banner", "-loglevel", "warning", "-nostats", "-progress", "pipe:2", "-stats_period", "1",
                "-rw_timeout", "10000000", "-analyzeduration", "2000000", "-i", "rtmp://origin/live/abc",
                "-probesize", "32", "-fpsprobesize", "0", "-analyzeduration", "0",
                "-f", "rawvideo", "-pixel_format", "yuva420p", "-video_size", "1280x720", "-framerate", "4", "-i", "tcp://127.0.0.1:0",
                "-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000",
                "-filter_complex", "[0:v]scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2,"
                        + "setsar=1,fps=30[base];[base][1:v]overlay@banner=0:0:eof_action=repeat:shortest=1:format=yuv420:enable=0[vout]",
                "-map", "[vout]", "-map", "2:a:0",
                "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-profile:v", "high", "-pix_fmt", "yuv420p",
                "-b:v", "3000k", "-minrate", "3000k", "-maxrate", "3000k", "-bufsize", "6000k", "-x264-params", "nal-hrd=cbr:repeat-headers=1",
                "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*2)",
                "-c:a", "aac", "-profile:a", "aac_low", "-b:a", "128k", "-ar", "48000", "-ac", "2",
                "-f", "flv", "-flvflags", "no_duration_filesize", "-flush_packets", "1", "pipe:1"), c.args());
        assertEquals(1280 * 720 * 5 / 2, c.overlayFrameBytes());
    }

    @Test
    void encodeKeepsTheSourceAudioWhenItIsWanted() {
        List<String> args = new EncoderCommand(RTMP, EncoderCommand.Mode.ENCODE, 640, 360, 25, 800, 96, false, false, 4, "veryfast").args();
        assertEquals("0:a:0", args.get(args.indexOf("[vout]") + 2));
        assertEquals("50", args.get(args.indexOf("-g") + 1));
        assertEquals(-1, args.indexOf("anullsrc=channel_layout=stereo:sample_rate=48000"));
        List<String> copied = new EncoderCommand(RTMP, EncoderCommand.Mode.ENCODE, 640, 360, 25, 800, 96, false, false, 4, "veryfast")
                .withCopiedAudio().args();
        assertEquals("copy", copied.get(copied.indexOf("-c:a") + 1));
        assertEquals(-1, copied.indexOf("-ar"));
    }

    @Test
    void aWebRtcSourcesPcmIsInputTwoAfterTheOverlay() {
        SourceSpec webrtc = new SourceSpec(false, "https://origin/x/whep",
                List.of("-f", "rawvideo", "-pixel_format", "yuv420p", "-video_size", "640x360", "-framerate", "30", "-i", "tcp://127.0.0.1:5000"),
                List.of("-f", "s16le", "-sample_rate", "48000", "-ch_layout", "stereo", "-i", "tcp://127.0.0.1:5001"), null);
        List<String> args = new EncoderCommand(webrtc, EncoderCommand.Mode.ENCODE, 640, 360, 30, 800, 96, false, false, 4, "veryfast").args();
        assertEquals(List.of("tcp://127.0.0.1:5000", "tcp://127.0.0.1:0", "tcp://127.0.0.1:5001"),
                args.stream().filter(a -> a.startsWith("tcp:")).toList());
        assertEquals("2:a:0", args.get(args.indexOf("[vout]") + 2));
        List<String> silent = new EncoderCommand(webrtc, EncoderCommand.Mode.ENCODE, 640, 360, 30, 800, 96, true, false, 4, "veryfast").args();
        assertEquals(-1, silent.indexOf("tcp://127.0.0.1:5001"), "video only: generated silence instead of the PCM input");
        assertEquals("2:a:0", silent.get(silent.indexOf("[vout]") + 2));
    }

    @Test
    void theOverlayComesFromTheRunsSocketAndItsBlendStartsAsAskedWithStdinLeftForCommands() {
        EncoderCommand c = new EncoderCommand(RTMP, EncoderCommand.Mode.ENCODE, 1280, 720, 30, 3000, 128, true, false, 4, "veryfast");
        List<String> on = c.args("tcp://127.0.0.1:40123", true);
        List<String> off = c.args("tcp://127.0.0.1:40123", false);
        assertEquals("tcp://127.0.0.1:40123", on.get(on.indexOf("yuva420p") + 6), "input 1: the overlay from the run's socket");
        String graph = on.get(on.indexOf("-filter_complex") + 1);
        assertTrue(graph.endsWith("[base][1:v]overlay@banner=0:0:eof_action=repeat:shortest=1:format=yuv420:enable=1[vout]"), graph);
        assertTrue(off.get(off.indexOf("-filter_complex") + 1).endsWith(":enable=0[vout]"));
        for (List<String> a : List.of(on, off)) {
            assertFalse(a.contains("-nostdin"), "stdin carries the on/off commands");
            assertFalse(a.contains("pipe:0"), "nothing is read from stdin as media (FFmpeg would ignore commands)");
        }
        assertEquals(c.args(), c.args("tcp://127.0.0.1:0", false));
    }

    @Test
    void copyRemuxesWithoutStdin() {
        EncoderCommand c = new EncoderCommand(RTMP, EncoderCommand.Mode.COPY, 1280, 720, 30, 3000, 128, false, false, 4, "veryfast");
        assertEquals(List.of("-hide_banner", "-loglevel", "warning", "-nostats", "-progress", "pipe:2", "-stats_period", "1",
                "-nostdin", "-rw_timeout", "10000000", "-analyzeduration", "2000000", "-i", "rtmp://origin/live/abc",
                "-map", "0:v:0", "-map", "0:a:0", "-c", "copy",
                "-f", "flv", "-flvflags", "no_duration_filesize", "-flush_packets", "1", "pipe:1"), c.args());
    }
}
