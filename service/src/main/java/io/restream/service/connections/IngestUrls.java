package io.restream.service.connections;

import io.restream.core.error.ApiException;
import io.restream.core.net.UrlGuard;
import io.restream.service.http.Fields;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks pasted RTMP(S) ingest URLs and stream keys; DNS resolution runs off the event loop. */
public final class IngestUrls {
    public static final Set<String> SCHEMES = Set.of("rtmp", "rtmps");
    public static final Pattern STREAM_KEY = Pattern.compile("[\\x21-\\x7e]{1,512}");

    private IngestUrls() {}

    /** Completes when {@code url} is an allowed RTMP/RTMPS URL; fails with {@code 400 url_not_allowed}. */
    public static Future<Void> check(Vertx vertx, UrlGuard guard, String field, String url) {
        return vertx.executeBlocking(() -> {
            guard.check(field, url, SCHEMES);
            return null;
        }, false);
    }

    /** Reads a stream key field: printable ASCII, 1-512 characters. */
    public static String streamKey(Fields f, String field) {
        return f.string(field, STREAM_KEY, "1-512 printable characters without spaces");
    }

    public static void requireOk(Fields f) {
        if (!f.ok()) throw ApiException.validation(f.problems());
    }
}
