package io.restream.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.restream.core.crypto.Tokens;
import io.restream.core.model.Comment;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import io.restream.core.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatLogIT {
    private static Redis redis;
    private static ChatLog log;

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
        log = new ChatLog(redis);
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private static UserRef freshUser() {
        return new UserRef("cli_" + Tokens.random(8), "u1");
    }

    private static Comment comment(String platformId, String text) {
        return new Comment("twitch:" + platformId, Platform.TWITCH, "alice", null, text, 1_700_000_000_000L);
    }

    @Test
    void aRedeliveredMessageIsStoredOnce() throws Exception {
        UserRef user = freshUser();
        Optional<String> first = log.append(user, comment("m1", "hi")).toCompletableFuture().get();
        Optional<String> again = log.append(user, comment("m1", "hi")).toCompletableFuture().get();
        assertTrue(first.isPresent());
        assertTrue(again.isEmpty(), "the second delivery of the same platform id must be dropped");
        assertEquals(1, log.latest(user, 200).toCompletableFuture().get().size());
    }

    @Test
    void afterReturnsExactlyTheLaterCommentsInOrder() throws Exception {
        UserRef user = freshUser();
        String[] ids = new String[5];
        for (int i = 0; i < 5; i++) ids[i] = log.append(user, comment("m" + i, "msg " + i)).toCompletableFuture().get().orElseThrow();
        for (int i = 1; i < 5; i++) assertTrue(LogIds.compare(ids[i - 1], ids[i]) < 0, "log ids are monotonic");
        List<LoggedComment> later = log.after(user, ids[1], 100).toCompletableFuture().get();
        assertEquals(List.of("msg 2", "msg 3", "msg 4"), later.stream().map(c -> c.comment().message()).toList());
        assertEquals(ids[2], later.get(0).logId());
    }

    @Test
    void latestIsTheNewestNOldestFirst() throws Exception {
        UserRef user = freshUser();
        for (int i = 0; i < 10; i++) log.append(user, comment("m" + i, "msg " + i)).toCompletableFuture().get();
        List<LoggedComment> latest = log.latest(user, 3).toCompletableFuture().get();
        assertEquals(List.of("msg 7", "msg 8", "msg 9"), latest.stream().map(c -> c.comment().message()).toList());
    }

    @Test
    void appendPublishesTheCommentWithItsLogIdOnTheUsersChannel() throws Exception {
        UserRef user = freshUser();
        List<String> heard = new CopyOnWriteArrayList<>();
        StatefulRedisPubSubConnection<String, String> sub = redis.pubSub();
        try {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override public void message(String channel, String message) { heard.add(message); }
            });
            sub.sync().subscribe(RedisKeys.events(user));
            String id = log.append(user, comment("p1", "published")).toCompletableFuture().get().orElseThrow();
            log.append(user, comment("p1", "published")).toCompletableFuture().get();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
            assertTrue(heard.get(0).startsWith("{\"type\":\"comment\",\"id\":\"" + id + "\",\"data\":{"), heard.get(0));
        } finally {
            sub.close();
        }
    }

    @Test
    void logIdsAreValidatedAndCompared() {
        assertEquals(Optional.of("12-3"), LogIds.parse(" 12-3 "));
        assertTrue(LogIds.parse("12").isEmpty());
        assertTrue(LogIds.parse("abc-1").isEmpty());
        assertTrue(LogIds.compare("10-0", "9-5") > 0);
        assertTrue(LogIds.compare("10-2", "10-10") < 0);
    }
}
