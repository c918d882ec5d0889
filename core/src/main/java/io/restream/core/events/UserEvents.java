package io.restream.core.events;

import io.restream.core.json.Json;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import io.restream.core.model.UserRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Publishes a user's {@code job}, {@code viewers} and {@code connections} changes on the user's
 * channel, so that SSE subscribers on every API node hear them. The message is
 * {@code {"type": "...", "data": ...}}.
 */
public final class UserEvents {
    public static final String JOB = "job";
    public static final String VIEWERS = "viewers";
    public static final String CONNECTIONS = "connections";

    private final Redis redis;

    public UserEvents(Redis redis) {
        this.redis = redis;
    }

    public CompletionStage<Long> publish(UserRef user, String type, Object data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("data", data);
        return redis.async().publish(RedisKeys.events(user), Json.write(message));
    }
}
