package io.restream.worker.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.media.FfmpegBinaries;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.fanout.FlvReader;
import io.restream.worker.fanout.FlvTag;
import io.restream.worker.source.SourceSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standby starts from the last frame of the hub's GOP, with the job's settings, in one FFmpeg. */
class StandbyTest {
    private static final EncoderCommand JOB = new EncoderCommand(new SourceSpec(true, "x", List.of("-i", "x")),
            EncoderCommand.Mode.COPY, 320, 240, 30, 500, 64, false, false, 4, "veryfast");

    @TempDir Path tmp;

    @Test
    void theStandbyFfmpegRepeatsTheGopsLastFrameWithSilenceAsFlv() throws Exception {
        Process source = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=30", "-t", "3", "-c:v", "libx264", "-g", "30", "-f", "flv", "pipe:1")).start();
        FanoutHub hub = new FanoutHub();
        try (InputStream out = source.getInputStream()) {
            FlvReader reader = new FlvReader(out);
            for (FlvTag t; (t = reader.next()) != null; ) hub.publish(t);
        }
        assertEquals(0, source.waitFor());
        byte[] gop = hub.currentGopVideo();
        int frames = Standby.videoFrames(gop);
        assertTrue(frames >= 29 && frames <= 31, "one second of video in the last GOP: " + frames);
        Path file = tmp.resolve("gop.flv");
        Files.write(file, gop);

        Process standby = FfmpegBinaries.processBuilder(StandbyCommand.of(JOB, file, frames - 1, 44100).args()).start();
        int video = 0;
        int audio = 0;
        boolean keyframe = false;
        try (InputStream out = standby.getInputStream()) {
            FlvReader reader = new FlvReader(out);
            for (FlvTag t; (t = reader.next()) != null && (video < 30 || audio < 30); ) {
                if (t.isVideo() && !t.isSequenceHeader()) video++;
                if (t.isAudio() && !t.isSequenceHeader()) audio++;
                keyframe |= t.isKeyframe() && !t.isSequenceHeader();
            }
        } finally {
            standby.destroyForcibly();
        }
        assertTrue(video >= 30 && audio >= 30 && keyframe, "video " + video + ", audio " + audio + ", key frame " + keyframe);
    }

    @Test
    void theStandbyEncodesWithTheJobsSettingsAndTheSourcesSampleRate() {
        EncoderCommand job = new EncoderCommand(new SourceSpec(true, "x", List.of("-i", "x")), EncoderCommand.Mode.COPY,
                640, 360, 25, 800, 96, false, false, 4, "veryfast");
        List<String> args = StandbyCommand.of(job, tmp.resolve("gop.flv"), 49, 44100).args();
        assertTrue(args.contains("anullsrc=channel_layout=stereo:sample_rate=44100"), "silence at the source's rate: " + args);
        assertEquals("44100", args.get(args.indexOf("-ar") + 1));
        assertEquals("800k", args.get(args.indexOf("-b:v") + 1));
        assertEquals("50", args.get(args.indexOf("-g") + 1));
        assertTrue(args.get(args.indexOf("-filter_complex") + 1)
                .startsWith("[0:v]trim=start_frame=49,loop=loop=-1:size=1:start=0,setpts=N/25/TB,realtime,scale=640:360:"), args.toString());
        assertEquals(List.of("-f", "flv", "-flvflags", "no_duration_filesize", "-flush_packets", "1", "pipe:1"),
                args.subList(args.size() - 7, args.size()));
        List<String> noPicture = StandbyCommand.of(job, null, 0, 0).args();
        assertTrue(noPicture.contains("color=c=0x303030:s=640x360:r=25"), "a dark picture when there is no frame");
        assertEquals("48000", noPicture.get(noPicture.indexOf("-ar") + 1));
    }

    @Test
    void anEncodedJobsStandbyReadsTheOverlayAsInputTwoAndKeepsStdinForTheBlendsSwitch() {
        List<String> args = StandbyCommand.of(JOB, tmp.resolve("gop.flv"), 29, 48000).args("tcp://127.0.0.1:4000", true, 4);
        assertTrue(!args.contains("-nostdin"), "stdin carries the on/off commands: " + args);
        int overlayInput = args.indexOf("tcp://127.0.0.1:4000");
        assertEquals(2, args.subList(0, overlayInput - 1).stream().filter("-i"::equals).count(), "two inputs before the overlay: " + args);
        assertEquals("yuva420p", args.get(args.indexOf("-pixel_format") + 1));
        assertEquals("4", args.get(args.indexOf("-framerate") + 1));
        String graph = args.get(args.indexOf("-filter_complex") + 1);
        assertTrue(graph.endsWith("[base];[base][2:v]" + EncoderCommand.OVERLAY_FILTER + "=0:0:eof_action=repeat:shortest=1:format=yuv420:enable=1[vout]"), graph);
        assertTrue(graph.contains("colorchannelmixer=rr=0.4"), "the picture under the banners is dimmed: " + graph);
        assertTrue(StandbyCommand.of(JOB, null, 0, 0).args().contains("-nostdin"), "without banners stdin is not read");
    }
}
