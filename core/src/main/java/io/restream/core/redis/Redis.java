package io.restream.core.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;

/**
 * One Lettuce client and its shared, thread-safe connection. Commands from many threads are
 * pipelined on the one connection; pub/sub gets connections of its own.
 */
public final class Redis implements AutoCloseable {
    /** How long a command may take before it fails (and the API answers 503). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private Redis(RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.connection = connection;
    }

    public static Redis connect(String url) {
        RedisClient client = RedisClient.create(RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(DEFAULT_TIMEOUT))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return new Redis(client, client.connect());
    }

    public RedisAsyncCommands<String, String> async() { return connection.async(); }

    public RedisCommands<String, String> sync() { return connection.sync(); }

    public StatefulRedisPubSubConnection<String, String> pubSub() { return client.connectPubSub(); }

    /** A connection of its own, for blocking commands (XREADGROUP BLOCK) that must not stall others. */
    public StatefulRedisConnection<String, String> dedicated() { return client.connect(); }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
