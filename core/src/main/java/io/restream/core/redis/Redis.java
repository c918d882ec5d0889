package io.restream.core.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One Lettuce client and its shared, thread-safe connection, on a standalone Redis or a Redis
 * Cluster ({@code REDIS_MODE=cluster}). Commands from many threads are pipelined on the one
 * connection; pub/sub and blocking reads get connections of their own. The rest of the code sees
 * the command set both modes share ({@link RedisClusterAsyncCommands}), so it runs unchanged on
 * either, provided every script and multi-key command keeps to one hash slot (see {@link RedisKeys}).
 *
 * <p>In cluster mode the topology is refreshed every {@link #TOPOLOGY_REFRESH} and at once on
 * MOVED/ASK redirects and persistent reconnects, so a failover is followed within seconds.
 */
public final class Redis implements AutoCloseable {
    /** How long a command may take before it fails (and the API answers 503). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(5);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Reconnect attempts back off to at most this (Lettuce's default grows to 30 s), so that the
     * API answers again within seconds of Redis's return however long it was gone.
     */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    /** {@code REDIS_MODE}. */
    public enum Mode {
        STANDALONE, CLUSTER;

        public static Mode from(Settings s, Problems problems) {
            String v = s.get("REDIS_MODE", "standalone").trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "standalone" -> STANDALONE;
                case "cluster" -> CLUSTER;
                default -> {
                    problems.add("REDIS_MODE must be 'standalone' or 'cluster', not '" + v + "'");
                    yield STANDALONE;
                }
            };
        }
    }

    private final AbstractRedisClient client;
    private final ClientResources resources; // null on a dedicated connection (the owner shuts them down)
    private final StatefulConnection<String, String> connection;
    private final RedisClusterAsyncCommands<String, String> async;
    private final RedisClusterCommands<String, String> sync;
    private final boolean ownsClient;

    private Redis(AbstractRedisClient client, ClientResources resources, StatefulConnection<String, String> connection, boolean ownsClient) {
        this.client = client;
        this.resources = resources;
        this.connection = connection;
        this.ownsClient = ownsClient;
        if (connection instanceof StatefulRedisClusterConnection<String, String> c) {
            this.async = c.async();
            this.sync = c.sync();
        } else {
            StatefulRedisConnection<String, String> c = (StatefulRedisConnection<String, String>) connection;
            this.async = c.async();
            this.sync = c.sync();
        }
    }

    /** A standalone Redis at {@code url}. */
    public static Redis connect(String url) {
        return connect(url, Mode.STANDALONE);
    }

    /** {@code urls}: one URL (standalone), or comma-separated seed nodes of a cluster. */
    public static Redis connect(String urls, Mode mode) {
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(() -> Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        if (mode == Mode.STANDALONE) {
            RedisClient client = RedisClient.create(resources, RedisURI.create(urls.trim()));
            client.setOptions(ClientOptions.builder()
                    .timeoutOptions(TimeoutOptions.enabled(DEFAULT_TIMEOUT))
                    .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
            return new Redis(client, resources, client.connect(), true);
        }
        RedisClusterClient client = RedisClusterClient.create(resources, seeds(urls));
        client.setOptions(ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                        .refreshTriggersReconnectAttempts(2)
                        .dynamicRefreshSources(true)
                        .closeStaleConnections(true)
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(DEFAULT_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                // Not REJECT_COMMANDS: a cluster opens its per-node connections lazily, and rejecting
                // would fail every first command to a node. Commands to a dead master wait (bounded
                // by the queue and the command timeout: a 503, never a hang) for the failover.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .requestQueueSize(10_000)
                .maxRedirects(5)
                .build());
        StatefulRedisClusterConnection<String, String> c = client.connect();
        c.setReadFrom(ReadFrom.UPSTREAM); // reads see every acknowledged write
        return new Redis(client, resources, c, true);
    }

    /** The seed nodes of {@code urls} ({@code redis://h:p,redis://h:p} or {@code h:p,h:p}). */
    static List<RedisURI> seeds(String urls) {
        return Arrays.stream(urls.split(",")).map(String::trim).filter(u -> !u.isEmpty())
                .map(u -> u.contains("://") ? u : "redis://" + u)
                .map(RedisURI::create).toList();
    }

    public boolean cluster() { return client instanceof RedisClusterClient; }

    public RedisClusterAsyncCommands<String, String> async() { return async; }

    public RedisClusterCommands<String, String> sync() { return sync; }

    /**
     * A pub/sub connection of its own. On a cluster, {@code SUBSCRIBE} goes to one node and
     * {@code PUBLISH} reaches every node, so any node serves; if that node dies, Lettuce reconnects
     * to another one from the topology and subscribes again.
     */
    public StatefulRedisPubSubConnection<String, String> pubSub() {
        return client instanceof RedisClusterClient c ? c.connectPubSub() : ((RedisClient) client).connectPubSub();
    }

    /**
     * A connection of its own over the same client, for blocking commands (XREADGROUP BLOCK) that
     * must not stall the shared one. Closing it closes only that connection.
     */
    public Redis dedicated() {
        if (client instanceof RedisClusterClient c) {
            StatefulRedisClusterConnection<String, String> conn = c.connect();
            conn.setReadFrom(ReadFrom.UPSTREAM);
            return new Redis(c, null, conn, false);
        }
        return new Redis(client, null, ((RedisClient) client).connect(), false);
    }

    @Override
    public void close() {
        connection.close();
        if (!ownsClient) return;
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
