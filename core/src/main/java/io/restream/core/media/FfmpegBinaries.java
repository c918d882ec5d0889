package io.restream.core.media;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * The FFmpeg executable bundled in bytedeco's GPL jar (libx264 included), extracted once by
 * JavaCPP. It needs its own folder on {@code LD_LIBRARY_PATH}, which {@link #processBuilder} sets.
 * The GPL jar has no ffprobe.
 */
public final class FfmpegBinaries {
    private static volatile Path ffmpeg;

    private FfmpegBinaries() {}

    public static Path ffmpeg() {
        Path found = ffmpeg;
        if (found == null) {
            synchronized (FfmpegBinaries.class) {
                if (ffmpeg == null) ffmpeg = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
                found = ffmpeg;
            }
        }
        return found;
    }

    /** A process builder for {@code ffmpeg <args>}: an argument list, never a shell. */
    public static ProcessBuilder processBuilder(List<String> args) {
        Path exe = ffmpeg();
        List<String> argv = new java.util.ArrayList<>(args.size() + 1);
        argv.add(exe.toString());
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv);
        String dir = exe.getParent().toString();
        String existing = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", existing == null || existing.isEmpty() ? dir : dir + ":" + existing);
        return pb;
    }
}
