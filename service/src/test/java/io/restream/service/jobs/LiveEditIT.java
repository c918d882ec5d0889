package io.restream.service.jobs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.restream.core.jobs.EditOutcome;
import io.restream.core.json.Json;
import io.restream.core.model.UserRef;
import io.restream.core.redis.RedisKeys;
import io.restream.service.TestApi;
import io.restream.testkit.Fixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code PATCH /jobs/current/destinations} and {@code /metadata} against the real API and Redis:
 * the response and the job hash in Redis show the change, the job event is published, no-ops are
 * no-ops, and every refusal has its code.
 */
class LiveEditIT {
    @RegisterExtension
    static final Fixture<TestApi> api = Fixture.perClass(TestApi::new);

    @Test
    void addAndRemoveDestinationsOfTheRunningJob() throws Exception {
        TestApi.Tenant tenant = api.get().newTenant();
        Map<String, String> user = tenant.as("live_editor");
        for (String n : List.of("a", "b", "c")) assertEquals(201, api.get().connectCustom(user, n, "rtmp://127.0.0.1:1935/" + n).status());
        String jobId = api.get().goLive(user, List.of("custom:a")).json().get("id").asText();
        List<String> events = new CopyOnWriteArrayList<>();
        StatefulRedisPubSubConnection<String, String> sub = api.get().redis.pubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override public void message(String channel, String message) { events.add(message); }
        });
        sub.sync().subscribe(RedisKeys.events(new UserRef(tenant.clientId(), "live_editor")));

        TestApi.Res added = patch(user, Map.of("add", List.of("custom:b", "custom:c")));
        assertEquals(200, added.status(), added.text());
        assertEquals(List.of("custom:a", "custom:b", "custom:c"), strings(added.json().get("destinations")));
        assertEquals("[\"custom:a\",\"custom:b\",\"custom:c\"]", stored(jobId), "goLive's encoding");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.contains("custom:c")));

        TestApi.Res removed = patch(user, Map.of("remove", List.of("custom:a"), "add", List.of("custom:b")));
        assertEquals(200, removed.status(), removed.text());
        assertEquals(List.of("custom:b", "custom:c"), strings(removed.json().get("destinations")));
        assertEquals("[\"custom:b\",\"custom:c\"]", stored(jobId));

        // Events arrive asynchronously: count from after the last edit's event has been heard.
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                .anyMatch(e -> e.contains("\"destinations\":[\"custom:b\",\"custom:c\"]")));
        int heard = events.size();
        TestApi.Res noop = patch(user, Map.of("add", List.of("custom:c"), "remove", List.of("custom:a")));
        assertEquals(200, noop.status(), noop.text());
        assertEquals(List.of("custom:b", "custom:c"), strings(noop.json().get("destinations")));
        assertEquals("[\"custom:b\",\"custom:c\"]", stored(jobId));
        // A real edit after the no-op is a marker: once its event is heard, anything the no-op had
        // published would have been heard before it.
        assertEquals(200, api.get().call("PATCH", "/api/v1/jobs/current/metadata", user, Json.write(Map.of("title", "marker-after-noop"))).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.contains("marker-after-noop")));
        List<String> since = List.copyOf(events.subList(heard, events.size()));
        assertTrue(since.stream().allMatch(e -> e.contains("marker-after-noop")), "a no-op publishes nothing: " + since);
        sub.close();

        TestApi.Res all = patch(user, Map.of("remove", List.of("custom:b", "custom:c")));
        assertEquals(400, all.status());
        assertEquals("validation_failed", all.errorCode());
        assertTrue(all.json().path("error").path("fields").has("remove"), all.text());
        TestApi.Res unconnected = patch(user, Map.of("add", List.of("custom:nope")));
        assertEquals(400, unconnected.status());
        assertEquals("not_connected", unconnected.errorCode());
        assertTrue(unconnected.json().path("error").path("message").asText().contains("custom:nope"));
        assertEquals("unknown_platform", patch(user, Map.of("add", List.of("myspace"))).errorCode());
        assertEquals("validation_failed", patch(user, Map.of("add", "custom:b")).errorCode());
        assertEquals("validation_failed", patch(user, Map.of("add", List.of("custom:a"), "remove", List.of("custom:a"))).errorCode());
        assertEquals("[\"custom:b\",\"custom:c\"]", stored(jobId), "refusals change nothing");
        assertEquals(202, api.get().call("POST", "/api/v1/jobs/" + jobId + "/stop", user, null).status());
    }

    @Test
    void concurrentAddsAllLand() throws Exception {
        Map<String, String> user = api.get().newTenant().as("racer");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            assertEquals(201, api.get().connectCustom(user, "d" + i, "rtmp://127.0.0.1:1935/d" + i).status());
            ids.add("custom:d" + i);
        }
        String jobId = api.get().goLive(user, List.of(ids.get(0))).json().get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(11);
        List<java.util.concurrent.Future<TestApi.Res>> calls = new ArrayList<>();
        for (String id : ids.subList(1, ids.size())) calls.add(pool.submit(() -> patch(user, Map.of("add", List.of(id)))));
        for (var c : calls) assertEquals(200, c.get(30, TimeUnit.SECONDS).status());
        pool.shutdown();
        List<String> now = Json.read(stored(jobId), List.class);
        assertEquals(new HashSet<>(ids), new HashSet<>(now), "no add was lost to another");
        assertEquals(ids.get(0), now.get(0), "the job's first destination stays first");
        assertEquals(202, api.get().call("POST", "/api/v1/jobs/" + jobId + "/stop", user, null).status());
    }

    @Test
    void noActiveJobAndSuperseded() throws Exception {
        Map<String, String> user = api.get().newTenant().as("idle");
        assertEquals(201, api.get().connectCustom(user, "a", "rtmp://127.0.0.1:1935/a").status());
        assertEquals("no_active_job", patch(user, Map.of("add", List.of("custom:a"))).errorCode());
        assertEquals(409, api.get().call("PATCH", "/api/v1/jobs/current/metadata", user, Json.write(Map.of("title", "x"))).status());

        String first = api.get().goLive(user, List.of("custom:a")).json().get("id").asText();
        String second = api.get().goLive(user, List.of("custom:a")).json().get("id").asText();
        // The superseded job is no longer current; a PATCH that raced the goLive finds it superseded.
        assertEquals(EditOutcome.SUPERSEDED, api.get().role.context().jobs().edits().updateDestinations(first, List.of("custom:b"), List.of())
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(EditOutcome.SUPERSEDED, api.get().role.context().jobs().edits().updateMetadata(first, "t", null)
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(200, patch(user, Map.of("add", List.of("custom:a"))).status(), "the new job is the current one");

        assertEquals(202, api.get().call("POST", "/api/v1/jobs/" + second + "/stop", user, null).status());
        TestApi.Res after = patch(user, Map.of("add", List.of("custom:a")));
        assertEquals(409, after.status());
        assertEquals("no_active_job", after.errorCode());
        assertEquals("no_active_job", api.get().call("PATCH", "/api/v1/jobs/current/metadata", user, Json.write(Map.of("title", "x"))).errorCode());
    }

    @Test
    void titleAndDescriptionAtGoLiveAndLive() {
        Map<String, String> user = api.get().newTenant().as("titled");
        assertEquals(201, api.get().connectCustom(user, "a", "rtmp://127.0.0.1:1935/a").status());
        TestApi.Res created = api.get().call("POST", "/api/v1/jobs", user, Json.write(Map.of("publisherSessionId", "demo-t",
                "destinations", List.of("custom:a"), "title", "Speedrun night", "description", "Any% with chat")));
        assertEquals(201, created.status(), created.text());
        assertEquals("Speedrun night", created.json().path("title").asText());
        assertEquals("Any% with chat", created.json().path("description").asText());

        TestApi.Res patched = api.get().call("PATCH", "/api/v1/jobs/current/metadata", user, Json.write(Map.of("title", "Speedrun night: 100%")));
        assertEquals(200, patched.status(), patched.text());
        assertEquals("Speedrun night: 100%", patched.json().path("title").asText());
        assertEquals("Any% with chat", patched.json().path("description").asText(), "left out, so kept");
        assertEquals("Speedrun night: 100%", api.get().call("GET", "/api/v1/jobs/current", user, null).json().path("title").asText());

        TestApi.Res described = api.get().call("PATCH", "/api/v1/jobs/current/metadata", user, Json.write(Map.of("description", "")));
        assertEquals(200, described.status());
        assertEquals("Speedrun night: 100%", described.json().path("title").asText());
        assertEquals("", described.json().path("description").asText());

        for (Object bad : List.of("", "   ", "x".repeat(141), 42)) {
            TestApi.Res r = api.get().call("PATCH", "/api/v1/jobs/current/metadata", user, Json.write(Map.of("title", bad)));
            assertEquals("validation_failed", r.errorCode(), String.valueOf(bad));
            assertTrue(r.json().path("error").path("fields").has("title"));
        }
        assertEquals("validation_failed", api.get().call("PATCH", "/api/v1/jobs/current/metadata", user,
                Json.write(Map.of("description", "d".repeat(5001)))).errorCode());
        TestApi.Res longTitle = api.get().call("POST", "/api/v1/jobs", user, Json.write(Map.of("publisherSessionId", "demo-t",
                "destinations", List.of("custom:a"), "title", "t".repeat(141))));
        assertEquals("validation_failed", longTitle.errorCode());
        assertFalse(api.get().call("GET", "/api/v1/jobs/current", user, null).json().path("title").asText().startsWith("ttt"));
        assertEquals(202, api.get().call("POST", "/api/v1/jobs/current/stop", user, null).status());
    }

    private static TestApi.Res patch(Map<String, String> user, Map<String, ?> body) {
        return api.get().call("PATCH", "/api/v1/jobs/current/destinations", user, Json.write(body));
    }

    private static String stored(String jobId) {
        return api.get().redis.sync().hget(RedisKeys.job(jobId), "destinations");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
