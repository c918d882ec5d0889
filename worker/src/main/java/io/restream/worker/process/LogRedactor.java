package io.restream.worker.process;

import io.restream.core.net.Redact;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Redacts every URL in an FFmpeg log line ({@link Redact#url}), wherever it appears in the line. */
public final class LogRedactor {
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:rtmps?|rtsps?|srt|https?)://[^\\s'\"]+");

    private LogRedactor() {}

    public static String redact(String line) {
        if (line == null) return null;
        Matcher m = URL.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(Redact.url(m.group())));
        m.appendTail(out);
        return out.toString();
    }
}
