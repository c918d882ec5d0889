package io.restream.worker.destinations;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * Where an RTMP(S) publish goes, read from its URL. The path is split as FFmpeg splits it: the
 * stream name is what follows the last '/' (with the query), the application what comes before (so
 * {@code rtmp://host/live/key} and {@code rtmp://host/app/inst/key}).
 *
 * @param tcUrl the {@code connect} command's tcUrl: scheme, host, port and application
 */
record RtmpUrl(boolean tls, String host, int port, String app, String name, String tcUrl) {
    static RtmpUrl parse(String url) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("rtmps");
        if (!tls && !scheme.equals("rtmp")) throw new IOException("not an RTMP URL");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        int slash = path.lastIndexOf('/');
        if (uri.getHost() == null || slash <= 0 || slash == path.length() - 1) {
            throw new IOException("the URL has no host, application or stream name");
        }
        String app = path.substring(1, slash);
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 1935;
        return new RtmpUrl(tls, uri.getHost(), port, app, path.substring(slash + 1) + query,
                scheme + "://" + uri.getHost() + ":" + port + "/" + app);
    }
}
