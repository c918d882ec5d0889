package io.restream.service.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.service.TestApi;
import io.restream.testkit.Fixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One live job per user holds under 50 concurrent goLive calls. */
class SupersedeConcurrencyIT {
    @RegisterExtension
    static final Fixture<TestApi> api = Fixture.perClass(TestApi::new);

    @Test
    void fiftyConcurrentGoLivesLeaveExactlyOneActiveJobAndAChainOfSuccessors() throws Exception {
        Map<String, String> user = api.get().newTenant().as("racer");
        assertEquals(201, api.get().connectCustom(user, "one", "rtmp://127.0.0.1:1935/live").status());
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Callable<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> {
                TestApi.Res r = api.get().goLive(user, List.of("custom:one"));
                assertEquals(201, r.status(), r.text());
                return r.json();
            });
        }
        List<String> ids = new ArrayList<>();
        for (Future<JsonNode> f : pool.invokeAll(calls)) ids.add(f.get().get("id").asText());
        pool.shutdown();
        assertEquals(50, new HashSet<>(ids).size());

        Map<String, JsonNode> jobs = new HashMap<>();
        for (String id : ids) jobs.put(id, api.get().call("GET", "/api/v1/jobs/" + id, user, null).json());
        List<JsonNode> active = jobs.values().stream()
                .filter(j -> List.of("queued", "running", "stopping").contains(j.get("status").asText())).toList();
        assertEquals(1, active.size(), "exactly one job stays active");
        String survivor = active.get(0).get("id").asText();
        assertEquals(survivor, api.get().call("GET", "/api/v1/jobs/current", user, null).json().get("id").asText());

        Set<String> successors = new HashSet<>();
        for (JsonNode j : jobs.values()) {
            if (j.get("id").asText().equals(survivor)) {
                assertTrue(!j.has("supersededBy"));
                continue;
            }
            assertEquals("stopped", j.get("status").asText(), j.toString());
            assertNotNull(j.get("endedAt"));
            String next = j.get("supersededBy").asText();
            assertTrue(jobs.containsKey(next), "supersededBy names one of this user's jobs");
            assertTrue(successors.add(next), "each job supersedes exactly one other");
        }
        // Following supersededBy from any job walks a single chain that ends at the survivor.
        for (String id : ids) {
            String at = id;
            int steps = 0;
            while (jobs.get(at).has("supersededBy")) {
                at = jobs.get(at).get("supersededBy").asText();
                assertTrue(++steps <= 50, "no cycles");
            }
            assertEquals(survivor, at);
        }
    }
}
