package io.restream.worker.recording;

import io.restream.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code recording.json}, the contract with the service:
 * {@code {"state":"recording"|"complete"|"failed","durationMs":n,"bytes":n}}. Written atomically
 * (temporary file, then rename) so that a reader never sees half of it.
 */
public final class RecordingStatus {
    public static final String FILE = "recording.json";

    private final Path dir;

    public RecordingStatus(Path dir) {
        this.dir = dir;
    }

    public void write(String state) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state);
        json.put("durationMs", durationMs(dir.resolve(RecorderCommand.PLAYLIST)));
        json.put("bytes", bytes());
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, Json.write(json));
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The sum of the playlist's {@code #EXTINF} durations, in ms (0 when there is no playlist yet). */
    static long durationMs(Path playlist) throws IOException {
        if (!Files.exists(playlist)) return 0;
        double seconds = 0;
        for (String line : Files.readAllLines(playlist)) {
            if (line.startsWith("#EXTINF:")) {
                String v = line.substring("#EXTINF:".length());
                int comma = v.indexOf(',');
                seconds += Double.parseDouble(comma >= 0 ? v.substring(0, comma) : v);
            }
        }
        return Math.round(seconds * 1000);
    }

    /** Whether the playlist is complete ({@code #EXT-X-ENDLIST}). */
    boolean playlistComplete() throws IOException {
        Path playlist = dir.resolve(RecorderCommand.PLAYLIST);
        return Files.exists(playlist) && Files.readString(playlist).contains("#EXT-X-ENDLIST");
    }

    private long bytes() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".ts") || n.endsWith(".m3u8");
            }).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
