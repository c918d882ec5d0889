package io.restream.service.oauth;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.restream.core.connections.StoredConnection;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.redis.RedisKeys;
import io.restream.platforms.port.OAuthProvider;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.support.TokenKeeper;
import io.restream.service.ServiceContext;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates stored tokens of platforms that ask for it (Twitch: hourly, whether or not the token is
 * in use) by walking every user's connections. One API node sweeps at a time (a Redis lock), off the
 * event loop; a token the platform no longer accepts is refreshed, and a refused refresh marks the
 * connection {@code needsReconnect} (so the user sees it before going live).
 */
public final class TokenSweep {
    private static final Logger log = LoggerFactory.getLogger(TokenSweep.class);
    static final String LOCK = RedisKeys.OAUTH_SWEEP_LOCK;

    private TokenSweep() {}

    /** Starts the periodic sweep when a configured platform asks for validation; returns whether it did. */
    public static boolean start(ServiceContext ctx) {
        Optional<TokenKeeper> keeper = ctx.platforms().tokens();
        Optional<Duration> every = ctx.platforms().oauthProvider(Platform.TWITCH).flatMap(OAuthProvider::validationInterval);
        if (keeper.isEmpty() || every.isEmpty()) return false;
        // A quarter of the interval between sweeps: each token is validated within 1.25 intervals.
        long periodMs = Math.max(250, every.get().toMillis() / 4);
        ctx.vertx().setPeriodic(periodMs, id -> {
            if (ctx.background().closing()) {
                ctx.vertx().cancelTimer(id);
                return;
            }
            tryLock(ctx, periodMs).onSuccess(mine -> {
                if (mine) ctx.background().run(() -> sweep(ctx, keeper.get()))
                        .onFailure(e -> log.warn("token sweep failed: {}", e.getClass().getSimpleName()));
            });
        });
        return true;
    }

    /** True on the one node that may sweep this period. */
    private static Future<Boolean> tryLock(ServiceContext ctx, long periodMs) {
        return Future.fromCompletionStage(ctx.redis().async()
                .set(LOCK, "1", SetArgs.Builder.nx().px(Math.max(100, periodMs - 50))), ctx.vertx().getOrCreateContext())
                .map("OK"::equals).otherwise(false);
    }

    /** One pass over every user's Twitch connection; returns how many were checked. */
    static int sweep(ServiceContext ctx, TokenKeeper keeper) throws Exception {
        int checked = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = ctx.redis().async().scan(cursor, ScanArgs.Builder.matches(RedisKeys.ALL_CONNECTIONS).limit(500))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (String key : page.getKeys()) {
                Optional<UserRef> user = userOf(key);
                if (user.isEmpty()) continue;
                Optional<StoredConnection> twitch = ctx.connections().get(user.get(), Platform.TWITCH.id())
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                if (twitch.isEmpty() || twitch.get().connection().needsReconnect()) continue;
                checked++;
                try {
                    keeper.fresh(user.get(), twitch.get());
                } catch (PlatformException e) {
                    log.info("twitch connection of {} failed validation: {}", user.get().userId(), e.code());
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        return checked;
    }

    /** The user of a connections key ({@link RedisKeys#connections}). */
    static Optional<UserRef> userOf(String key) {
        return RedisKeys.ownerOfConnections(key);
    }
}
