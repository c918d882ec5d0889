package io.restream.core.net;

import java.util.regex.Pattern;

/**
 * Strips stream keys and credentials from URLs before they reach a log line (after MediaMTX's
 * {@code sanitizeDestURL}): the last path segment of an RTMP URL is the stream key.
 */
public final class Redact {
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@]+@");
    private static final Pattern QUERY = Pattern.compile("\\?.*$");

    private Redact() {}

    public static String url(String url) {
        if (url == null) return null;
        String out = USER_INFO.matcher(url).replaceFirst("***@");
        out = QUERY.matcher(out).replaceFirst("?***");
        if (out.startsWith("rtmp")) {
            int scheme = out.indexOf("://");
            int firstSlash = out.indexOf('/', scheme + 3);
            int lastSlash = out.lastIndexOf('/');
            if (firstSlash >= 0 && lastSlash > firstSlash) out = out.substring(0, lastSlash + 1) + "***";
        }
        return out;
    }
}
