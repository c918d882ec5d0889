package io.restream.core.events;

import io.lettuce.core.ScriptOutputType;
import io.restream.core.json.Json;
import io.restream.core.redis.LuaScript;
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

    private static final LuaScript WEBHOOK_FEED = LuaScript.load(UserEvents.class, "webhook_feed.lua", ScriptOutputType.INTEGER);

    private final Redis redis;

    public UserEvents(Redis redis) {
        this.redis = redis;
    }

    public CompletionStage<Long> publish(UserRef user, String type, Object data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("data", data);
        String json = Json.write(message);
        CompletionStage<Long> sent = redis.async().publish(RedisKeys.events(user), json);
        if (!type.equals(JOB) && !type.equals(CONNECTIONS)) return sent;
        // Job and connection changes of clients with webhooks are also kept for the webhook feeder:
        // pub/sub reaches only the nodes listening right now, the stream survives a restart.
        CompletionStage<Long> fed = WEBHOOK_FEED.run(redis, new String[] {RedisKeys.WEBHOOK_CLIENTS, RedisKeys.WEBHOOK_FEED},
                user.clientId(), user.userId(), json);
        return sent.thenCombine(fed, (n, ignored) -> n);
    }
}
