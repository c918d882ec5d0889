package io.restream.worker.destinations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restream.worker.recording.RecorderCommand;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PusherCommandTest {
    @Test
    void copiesFlvFromStdinToTheUrl() {
        PusherCommand c = new PusherCommand("rtmps://live.example.com/app/sk_secret");
        assertEquals(List.of("-hide_banner", "-loglevel", "warning", "-nostats", "-progress", "pipe:2", "-stats_period", "1",
                "-probesize", "500000", "-analyzeduration", "1000000", "-f", "flv", "-i", "pipe:0",
                "-map", "0", "-c", "copy", "-f", "flv", "-flvflags", "no_duration_filesize", "-flush_packets", "1",
                "rtmps://live.example.com/app/sk_secret"), c.args());
        assertFalse(c.toString().contains("sk_secret"));
    }

    @Test
    void recorderWritesAnEventPlaylistThatBecomesAVod() {
        assertEquals(List.of("-hide_banner", "-loglevel", "warning", "-nostats", "-progress", "pipe:2", "-stats_period", "1",
                "-f", "flv", "-i", "pipe:0", "-map", "0", "-c", "copy",
                "-f", "hls", "-hls_time", "4", "-hls_list_size", "0", "-hls_playlist_type", "event", "-hls_segment_type", "mpegts",
                "-hls_segment_filename", "/data/recordings/j1/seg_%05d.ts", "/data/recordings/j1/index.m3u8"),
                new RecorderCommand(Path.of("/data/recordings/j1"), 4, false).args());
        List<String> resumed = new RecorderCommand(Path.of("/data/recordings/j1"), 4, true).args();
        assertEquals("append_list+discont_start", resumed.get(resumed.indexOf("-hls_flags") + 1));
    }
}
