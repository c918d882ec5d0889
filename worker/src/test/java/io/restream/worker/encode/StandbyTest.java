package io.restream.worker.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.media.FfmpegBinaries;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.fanout.FlvReader;
import io.restream.worker.fanout.FlvTag;
import io.restream.worker.source.SourceSpec;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standby picture starts from the last frame of the hub's GOP, and its command keeps the job's settings. */
class StandbyTest {
    @TempDir Path tmp;

    @Test
    void theLastFrameOfTheCurrentGopIsDecodedToAnImage() throws Exception {
        Process p = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=30", "-t", "3", "-c:v", "libx264", "-g", "30", "-f", "flv", "pipe:1")).start();
        FanoutHub hub = new FanoutHub();
        try (InputStream out = p.getInputStream()) {
            FlvReader reader = new FlvReader(out);
            for (FlvTag t; (t = reader.next()) != null; ) hub.publish(t);
        }
        assertEquals(0, p.waitFor());
        Path png = new Standby("test", hub, null).lastFrame(hub.currentGopVideo(), tmp);
        assertNotNull(png, "a last frame");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(320, image.getWidth());
        assertEquals(240, image.getHeight());
    }

    @Test
    void theStandbyEncodesWithTheJobsSettingsAndTheSourcesSampleRate() {
        EncoderCommand job = new EncoderCommand(new SourceSpec(true, "x", List.of("-i", "x")), EncoderCommand.Mode.COPY,
                640, 360, 25, 800, 96, false, false, 4, "veryfast");
        List<String> args = StandbyCommand.of(job, tmp.resolve("last.png"), 44100).args();
        assertTrue(args.contains("anullsrc=channel_layout=stereo:sample_rate=44100"), "silence at the source's rate: " + args);
        assertEquals("44100", args.get(args.indexOf("-ar") + 1));
        assertEquals("800k", args.get(args.indexOf("-b:v") + 1));
        assertEquals("50", args.get(args.indexOf("-g") + 1));
        assertTrue(args.get(args.indexOf("-filter_complex") + 1).startsWith("[0:v]scale=640:360:"));
        assertEquals(List.of("-f", "flv", "-flvflags", "no_duration_filesize", "-flush_packets", "1", "pipe:1"),
                args.subList(args.size() - 7, args.size()));
        List<String> noPicture = StandbyCommand.of(job, null, 0).args();
        assertTrue(noPicture.contains("color=c=0x303030:s=640x360:r=25"), "a dark picture when there is no frame");
        assertEquals("48000", noPicture.get(noPicture.indexOf("-ar") + 1));
    }
}
