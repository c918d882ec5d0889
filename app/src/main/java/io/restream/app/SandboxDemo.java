package io.restream.app;

import io.restream.core.json.Json;
import io.restream.core.redis.RedisKeys;
import io.restream.core.model.Scope;
import io.restream.core.redis.Redis;
import io.restream.service.auth.ApiKey;
import io.restream.service.auth.ClientStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * In sandbox mode, a demo client with a publishable key (origin {@code http://localhost:8080}, and
 * the actual port's origins) and a secret key, created once per Redis and printed at that start,
 * so the whole flow can be tried at once. The publishable key (public by nature) is also kept in
 * {@code <data dir>/sandbox-demo.json}, from which the service answers {@code /demo/config.json}
 * for the Studio page; when a later start listens on an origin that key does not allow, a new
 * publishable key with the current origins replaces it there.
 */
final class SandboxDemo {
    private static final String MARKER = RedisKeys.SANDBOX_DEMO_MARKER;
    private static final String CONFIG_FILE = io.restream.service.ops.OpsRoutes.DEMO_CONFIG_FILE;

    private SandboxDemo() {}

    /** The lines to print, or an empty list when the demo client already exists. */
    static List<String> ensure(Redis redis, int httpPort, String publicUrl, Path dataDir) throws Exception {
        ClientStore clients = new ClientStore(redis);
        long now = System.currentTimeMillis();
        LinkedHashSet<String> origins = new LinkedHashSet<>(List.of("http://localhost:8080"));
        origins.add("http://localhost:" + httpPort);
        origins.add("http://127.0.0.1:" + httpPort);
        origins.add(origin(publicUrl));
        List<Scope> all = List.of(Scope.values());
        String existing = redis.sync().get(MARKER);
        if (existing != null) {
            String note = refreshPageKey(clients, existing, origins, dataDir, now);
            return List.of("  Demo client:   " + existing + " (created earlier; its keys were printed then" + note + ")");
        }
        var client = clients.createClient("sandbox-demo", now).toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (!redis.sync().setnx(MARKER, client.id())) {
            return List.of("  Demo client:   " + redis.sync().get(MARKER) + " (created by another process)");
        }
        var pk = clients.createKey(client.id(), ApiKey.Type.PUBLISHABLE, all, new ArrayList<>(origins), now)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        var sk = clients.createKey(client.id(), ApiKey.Type.SECRET, all, List.of(), now)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        writeConfig(dataDir, client.id(), pk.value(), origins);
        return List.of(
                "  Demo client:   " + client.id(),
                "  Publishable:   " + pk.value() + "  (origins " + String.join(", ", origins) + ")",
                "  Secret key:    " + sk.value() + "  (shown once)");
    }

    /** Keeps the Studio page's key usable on this start's origins. */
    @SuppressWarnings("unchecked")
    private static String refreshPageKey(ClientStore clients, String clientId, LinkedHashSet<String> origins, Path dataDir, long now) throws Exception {
        Path file = dataDir.resolve(CONFIG_FILE);
        if (Files.exists(file)) {
            Map<String, Object> saved = Json.read(Files.readString(file), Map.class);
            if (clientId.equals(saved.get("clientId")) && saved.get("origins") instanceof List<?> had && had.containsAll(origins)) return "";
        }
        var pk = clients.createKey(clientId, ApiKey.Type.PUBLISHABLE, List.of(Scope.values()), new ArrayList<>(origins), now)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        writeConfig(dataDir, clientId, pk.value(), origins);
        return "; a new publishable key for the Studio page allows " + String.join(", ", origins);
    }

    private static void writeConfig(Path dataDir, String clientId, String publishableKey, LinkedHashSet<String> origins) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", clientId);
        m.put("publishableKey", publishableKey);
        m.put("origins", new ArrayList<>(origins));
        Path tmp = dataDir.resolve(CONFIG_FILE + ".tmp");
        Files.writeString(tmp, Json.write(m));
        Files.move(tmp, dataDir.resolve(CONFIG_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
    }
}
