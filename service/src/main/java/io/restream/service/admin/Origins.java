package io.restream.service.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Exact browser origins: {@code scheme://host[:port]}, nothing else. */
final class Origins {
    private Origins() {}

    static boolean valid(String origin) {
        if (origin == null || origin.length() > 255) return false;
        try {
            URI u = new URI(origin);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) return false;
            if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) return false;
            if (u.getRawPath() != null && !u.getRawPath().isEmpty()) return false;
            String rebuilt = scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() >= 0 ? ":" + u.getPort() : "");
            return rebuilt.equals(origin);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
