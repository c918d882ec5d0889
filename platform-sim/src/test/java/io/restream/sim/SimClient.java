package io.restream.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A simulator of the test class's own (RTMP/RTMPS ingest on, consent approved automatically) and
 * plain HTTP to it, as a test or a platform client would talk to it; closing it stops the simulator.
 * A test class states it in one line: {@code @RegisterExtension static final Fixture<SimClient>
 * client = Fixture.perClass(SimClient::startSimulator);}.
 */
final class SimClient implements AutoCloseable {
    final PlatformSimulator sim;
    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SimClient(PlatformSimulator sim) {
        this.sim = sim;
        this.base = sim.baseUrl();
    }

    static SimClient startSimulator() {
        return new SimClient(PlatformSimulator.start(SimConfig.ephemeral(true)));
    }

    HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, Map<String, String> headers, String body) throws Exception {
        return Json.read(send(method, path, headers, body).body(), JsonNode.class);
    }

    HttpResponse<byte[]> bytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        sim.close();
    }
}
