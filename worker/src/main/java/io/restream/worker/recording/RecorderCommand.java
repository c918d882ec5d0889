package io.restream.worker.recording;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorder's argument list: FLV on stdin, copied into HLS segments and an {@code EVENT}
 * playlist that gets {@code #EXT-X-ENDLIST} when the recording ends cleanly (a VOD from then on).
 *
 * @param resume the playlist exists already (the job moved to this worker): append to it after a
 *     discontinuity, numbering segments on from the last one, instead of overwriting it
 */
public record RecorderCommand(Path dir, int segmentSeconds, boolean resume) {
    public static final String PLAYLIST = "index.m3u8";

    public List<String> args() {
        List<String> a = new ArrayList<>(List.of("-hide_banner", "-loglevel", "warning", "-nostats", "-progress", "pipe:2",
                "-stats_period", "1", "-f", "flv", "-i", "pipe:0", "-map", "0", "-c", "copy",
                "-f", "hls", "-hls_time", Integer.toString(segmentSeconds), "-hls_list_size", "0",
                "-hls_playlist_type", "event", "-hls_segment_type", "mpegts"));
        if (resume) a.addAll(List.of("-hls_flags", "append_list+discont_start"));
        a.addAll(List.of("-hls_segment_filename", dir.resolve("seg_%05d.ts").toString(), dir.resolve(PLAYLIST).toString()));
        return List.copyOf(a);
    }
}
