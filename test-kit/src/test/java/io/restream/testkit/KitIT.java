package io.restream.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.redis.RedisKeys;
import io.restream.core.testing.TestSecrets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit's parts start in any field order, share one Redis and one secrets key, and work together. */
class KitIT {
    @RegisterExtension
    static final SimulatorKit sim = SimulatorKit.full();
    @RegisterExtension
    static final ServiceKit api = ServiceKit.withPlatforms(sim);
    // JUnit may start the worker before the API: it starts the API (and its Redis) itself.
    @RegisterExtension
    static final WorkerKit worker = WorkerKit.beside(api);
    @RegisterExtension
    static final RedisKit redis = new RedisKit();

    @Test
    void redisComesFromTheEnvironmentAContainerOrTheEmbeddedServerNeverASkip() {
        assertTrue(List.of("REDIS_URL", "container", "embedded").contains(redis.source()), redis.source());
        if (System.getenv("REDIS_URL") != null) assertEquals("REDIS_URL", redis.source());
        String probe = RedisKeys.lease("kit-probe-" + System.nanoTime());
        redis.redis().sync().set(probe, "1");
        assertEquals("1", api.redisKit().redis().sync().getdel(probe), "every kit shares the one test Redis");
    }

    @Test
    void theApiTheWorkerAndTheSimulatorRunTogetherOnTheOneSecretsKey() {
        assertEquals(TestSecrets.KEY, api.api().settings.get("RESTREAM_SECRETS_KEY", ""));
        ServiceKit.User user = api.newUser();
        assertEquals(200, api.call("GET", "/api/v1/connections", user, null).status());
        assertTrue(api.adapters().oauthProvider(io.restream.core.model.Platform.TWITCH).isPresent(), "OAuth platforms point at the simulator");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode workers = api.api().admin("GET", "/api/v1/admin/workers", null).json();
            for (JsonNode w : workers) if (!w.path("id").asText().isEmpty()) return true;
            return false;
        });
    }

    @Test
    void anRtmpReceiverIsTheSimulatorsIngestForAKey() {
        String url = sim.rtmpReceiver("twitch", "live_kit_1");
        assertEquals("rtmp://127.0.0.1:" + sim.simulator().rtmpPort() + "/app/live_kit_1", url);
        assertEquals(200, sim.call("GET", "/sim/twitch/streams", null).status());
    }
}
