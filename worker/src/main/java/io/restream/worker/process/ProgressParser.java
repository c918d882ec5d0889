package io.restream.worker.process;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Splits FFmpeg's stderr (where we send {@code -progress pipe:2}) into progress blocks and plain
 * log lines. Fed one line at a time from the process's stderr thread.
 */
final class ProgressParser {
    private static final Pattern KEY_VALUE = Pattern.compile("^[a-z_0-9]+=.*$");

    private final Consumer<Progress> onProgress;
    private final Consumer<String> onLogLine;
    private final Map<String, String> block = new HashMap<>();

    ProgressParser(Consumer<Progress> onProgress, Consumer<String> onLogLine) {
        this.onProgress = onProgress;
        this.onLogLine = onLogLine;
    }

    void line(String line) {
        if (!KEY_VALUE.matcher(line).matches()) {
            if (!line.isBlank()) onLogLine.accept(line);
            return;
        }
        int eq = line.indexOf('=');
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1).trim();
        block.put(key, value);
        if (key.equals("progress")) {
            onProgress.accept(new Progress(block));
            block.clear();
        }
    }
}
