package io.restream.core.chat;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.restream.core.json.Json;
import io.restream.core.model.Comment;
import io.restream.core.model.UserRef;
import io.restream.core.redis.LuaScript;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A user's merged chat: the stream {@code rs:chat:{cid:uid}} (about the latest {@value #MAX_LEN}
 * comments), whose entry ids are the SSE ids, and the dedupe set {@code rs:seen:{cid:uid}}.
 * {@link #append} stores a comment at most once and publishes it on the user's events channel in
 * the same atomic step, so every API node's subscribers see comments in log order.
 */
public final class ChatLog {
    /** Comments kept per user (approximate, as with {@code XADD MAXLEN ~}). */
    public static final int MAX_LEN = 1000;
    /** How long a platform message id is remembered: platforms redeliver within minutes. */
    public static final long DEDUPE_WINDOW_MS = 6 * 60 * 60 * 1000L;
    /** The most ids remembered per user, whatever their age. */
    public static final int DEDUPE_MAX_IDS = 100_000;

    private static final LuaScript APPEND = LuaScript.load(ChatLog.class, "append.lua", ScriptOutputType.VALUE);

    private final Redis redis;

    public ChatLog(Redis redis) {
        this.redis = redis;
    }

    /** Stores {@code comment} unless its id was seen already; the log id, or empty for a duplicate. */
    public CompletionStage<Optional<String>> append(UserRef user, Comment comment) {
        String[] keys = {RedisKeys.seen(user), RedisKeys.chat(user)};
        return APPEND.<String>run(redis, keys, comment.id(), Json.write(comment), Long.toString(System.currentTimeMillis()),
                        Long.toString(DEDUPE_WINDOW_MS), Integer.toString(MAX_LEN), RedisKeys.events(user),
                        Integer.toString(DEDUPE_MAX_IDS))
                .thenApply(Optional::ofNullable);
    }

    /** The latest {@code limit} comments, oldest first. */
    public CompletionStage<List<LoggedComment>> latest(UserRef user, int limit) {
        return redis.async().xrevrange(RedisKeys.chat(user), Range.create("-", "+"), Limit.from(limit))
                .thenApply(newestFirst -> {
                    List<LoggedComment> out = decode(newestFirst);
                    java.util.Collections.reverse(out);
                    return out;
                });
    }

    /** Comments logged after {@code logId} (exclusive), oldest first, at most {@code max}. */
    public CompletionStage<List<LoggedComment>> after(UserRef user, String logId, int max) {
        Range<String> range = Range.from(Range.Boundary.excluding(logId), Range.Boundary.unbounded());
        return redis.async().xrange(RedisKeys.chat(user), range, Limit.from(max)).thenApply(ChatLog::decode);
    }

    private static List<LoggedComment> decode(List<StreamMessage<String, String>> messages) {
        List<LoggedComment> out = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> m : messages) {
            String json = m.getBody().get("c");
            if (json != null) out.add(new LoggedComment(m.getId(), Json.read(json, Comment.class)));
        }
        return out;
    }
}
