package io.restream.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * In sandbox mode the simulated Kick must know where to deliver chat webhooks, which on the real
 * Kick is a setting of the developer app: the service's own {@code /webhooks/kick}.
 */
final class SandboxWebhooks {
    private SandboxWebhooks() {}

    /** Points the simulator's Kick webhooks at {@code publicUrl}; throws when the simulator refuses. */
    static void pointKickAt(String simUrl, String publicUrl) {
        String body = "{\"url\":\"" + publicUrl + "/webhooks/kick\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(simUrl + "/sim/kick/webhook"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("the simulator refused the Kick webhook URL: HTTP " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the simulator at " + simUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring the simulator", e);
        }
    }
}
