package io.restream.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restream.core.json.Json;
import io.restream.service.TestApi;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Former 500s of issue 11 item 7 that need a job: a recording read before its first segment (the
 * job ended with an empty recording directory) is {@code 200 failed}, not a 500.
 */
class FormerServerErrorsIT {
    @Test
    void aRecordingReadBeforeItsFirstSegmentIsNoServerError() throws Exception {
        try (TestApi api = new TestApi()) {
            var user = api.newTenant().as("rec");
            assertEquals(201, api.connectCustom(user, "one", "rtmp://127.0.0.1:1935/live").status());
            TestApi.Res created = api.call("POST", "/api/v1/jobs", user, Json.write(Map.of("publisherSessionId", "demo-rec",
                    "destinations", List.of("custom:one"), "recording", true)));
            assertEquals(201, created.status(), created.text());
            String id = created.json().get("id").asText();
            // The worker made the directory, then the job ended before FFmpeg wrote anything.
            Files.createDirectories(api.dataDir.resolve("recordings").resolve(id));
            TestApi.Res live = api.call("GET", "/api/v1/jobs/" + id + "/recording", user, null);
            assertEquals(200, live.status(), live.text());
            assertEquals("recording", live.json().get("state").asText());
            int stop = api.call("POST", "/api/v1/jobs/" + id + "/stop", user, null).status();
            assertEquals(true, stop == 200 || stop == 202, "stop answered " + stop);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                    api.call("GET", "/api/v1/jobs/" + id, user, null).json().get("status").asText().matches("stopped|ended|failed"));
            TestApi.Res done = api.call("GET", "/api/v1/jobs/" + id + "/recording", user, null);
            assertEquals(200, done.status(), done.text());
            assertEquals("failed", done.json().get("state").asText());
            assertEquals(0, done.json().get("files").size());
        }
    }
}
