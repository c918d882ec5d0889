package io.restream.app;

import io.restream.core.redis.RedisKeys;
import io.restream.core.model.Scope;
import io.restream.core.redis.Redis;
import io.restream.service.auth.ApiKey;
import io.restream.service.auth.ClientStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * In sandbox mode, a demo client with a publishable key (origin {@code http://localhost:8080}, and
 * the actual port's origins) and a secret key, created once per Redis and printed at that start,
 * so the whole flow can be tried at once.
 */
final class SandboxDemo {
    private static final String MARKER = RedisKeys.SANDBOX_DEMO_MARKER;

    private SandboxDemo() {}

    /** The lines to print, or an empty list when the demo client already exists. */
    static List<String> ensure(Redis redis, int httpPort) throws Exception {
        String existing = redis.sync().get(MARKER);
        if (existing != null) {
            return List.of("  Demo client:   " + existing + " (created earlier; its keys were printed then)");
        }
        ClientStore clients = new ClientStore(redis);
        long now = System.currentTimeMillis();
        var client = clients.createClient("sandbox-demo", now).toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (!redis.sync().setnx(MARKER, client.id())) {
            return List.of("  Demo client:   " + redis.sync().get(MARKER) + " (created by another process)");
        }
        LinkedHashSet<String> origins = new LinkedHashSet<>(List.of("http://localhost:8080"));
        origins.add("http://localhost:" + httpPort);
        origins.add("http://127.0.0.1:" + httpPort);
        List<Scope> all = List.of(Scope.values());
        var pk = clients.createKey(client.id(), ApiKey.Type.PUBLISHABLE, all, new ArrayList<>(origins), now)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        var sk = clients.createKey(client.id(), ApiKey.Type.SECRET, all, List.of(), now)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return List.of(
                "  Demo client:   " + client.id(),
                "  Publishable:   " + pk.value() + "  (origins " + String.join(", ", origins) + ")",
                "  Secret key:    " + sk.value() + "  (shown once)");
    }
}
