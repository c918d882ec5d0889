package io.restream.worker.source;

import io.restream.core.media.FfmpegBinaries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a source once with FFmpeg (no output) to learn its codecs and size. Retries until the
 * deadline, so a publisher that connects a few seconds late is still found. (The bundled FFmpeg
 * has no ffprobe; FFmpeg prints the same stream summary.)
 */
public final class SourceProbe {
    private static final Logger log = LoggerFactory.getLogger(SourceProbe.class);
    private static final Pattern STREAM = Pattern.compile("Stream #0:\\d+.*?: (Video|Audio): ([a-z0-9_]+)");
    private static final Pattern RATE = Pattern.compile(", (\\d{4,6}) Hz");
    private static final Pattern SIZE = Pattern.compile(", (\\d{2,5})x(\\d{2,5})[ ,]");
    private static final Duration RETRY_PAUSE = Duration.ofMillis(700);

    private SourceProbe() {}

    /**
     * @throws SourceException {@code source_unavailable} when it did not open before {@code deadline}
     */
    public static SourceInfo probe(SourceSpec source, Duration deadline, String logName) throws SourceException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        String lastError = "did not open";
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) break;
            Optional<String> out = runOnce(source, Duration.ofNanos(left));
            if (out.isPresent()) {
                Optional<SourceInfo> info = parse(out.get());
                if (info.isPresent() && info.get().hasVideo()) return info.get();
                lastError = lastLine(out.get());
            }
            log.debug("{}: source {} not available yet: {}", logName, source.redacted(), lastError);
            long pause = Math.min(RETRY_PAUSE.toNanos(), end - System.nanoTime());
            if (pause > 0) TimeUnit.NANOSECONDS.sleep(pause);
        }
        throw new SourceException("source_unavailable", "the source could not be opened within "
                + deadline.toSeconds() + " s (" + lastError + ")");
    }

    /** The stream summary FFmpeg prints for input #0, if any. */
    static Optional<SourceInfo> parse(String ffmpegOutput) {
        if (!ffmpegOutput.contains("Input #0")) return Optional.empty();
        String video = null;
        String audio = null;
        int width = 0;
        int height = 0;
        int rate = 0;
        for (String line : ffmpegOutput.split("\n")) {
            Matcher m = STREAM.matcher(line);
            if (!m.find()) continue;
            if (m.group(1).equals("Video") && video == null) {
                video = m.group(2);
                Matcher s = SIZE.matcher(line);
                if (s.find()) {
                    width = Integer.parseInt(s.group(1));
                    height = Integer.parseInt(s.group(2));
                }
            } else if (m.group(1).equals("Audio") && audio == null) {
                audio = m.group(2);
                Matcher r = RATE.matcher(line);
                if (r.find()) rate = Integer.parseInt(r.group(1));
            }
        }
        return Optional.of(new SourceInfo(video, audio, width, height, rate));
    }

    private static Optional<String> runOnce(SourceSpec source, Duration timeout) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin"));
        args.addAll(source.inputArgs());
        Process p;
        try {
            p = FfmpegBinaries.processBuilder(args).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return Optional.empty();
            return Optional.of(output.get(2, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        String last = lines.length == 0 ? "" : lines[lines.length - 1];
        // FFmpeg names the URL in its errors; keep only what follows it.
        int colon = last.lastIndexOf(": ");
        return colon >= 0 ? last.substring(colon + 2) : "did not open";
    }
}
