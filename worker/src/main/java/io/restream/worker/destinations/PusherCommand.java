package io.restream.worker.destinations;

import java.util.List;

/**
 * A pusher's argument list: FLV on stdin, copied as it is to an RTMP or RTMPS URL. Nothing is
 * decoded, so a pusher costs almost nothing.
 */
public record PusherCommand(String pushUrl) {
    @Override
    public String toString() { return "PusherCommand[redacted]"; }

    public List<String> args() {
        return List.of("-hide_banner", "-loglevel", "warning", "-nostats", "-progress", "pipe:2", "-stats_period", "1",
                "-probesize", "500000", "-analyzeduration", "1000000",
                "-f", "flv", "-i", "pipe:0",
                "-map", "0", "-c", "copy",
                "-f", "flv", "-flvflags", "no_duration_filesize", "-flush_packets", "1", pushUrl);
    }
}
