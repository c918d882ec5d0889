package io.restream.worker.source.webrtc;

import io.restream.core.net.Redact;
import io.restream.worker.source.SourceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Blocking HTTP for signalling (job threads only). No redirects are followed (a bearer token must
 * not travel elsewhere), and every call is bounded by the job's open deadline.
 */
final class SignallingHttp {
    private static final Duration MAX_CALL = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private SignallingHttp() {}

    static HttpRequest.Builder request(URI uri, String token, long deadlineNanos) {
        long left = Math.max(1, Math.min(MAX_CALL.toNanos(), deadlineNanos - System.nanoTime()));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    static HttpResponse<String> send(HttpRequest request, String what) throws SourceException, InterruptedException {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SourceException("source_unavailable", what + " at " + Redact.url(request.uri().toString())
                    + " did not answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Best effort, for clean-up: a failure is only logged by the caller. */
    static int sendQuietly(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
