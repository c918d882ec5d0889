package io.restream.chat.jobs;

import io.restream.core.chat.ChatLog;
import io.restream.core.chat.ViewerStore;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.redis.Redis;
import io.restream.platforms.ChatAdapters;
import io.restream.core.connections.StoredConnection;
import io.restream.core.model.UserRef;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.ChatTarget;
import io.restream.platforms.support.TokenKeeper;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** What every job's chat needs, built once per aggregator. */
public record ChatDeps(
        Redis redis,
        ConnectionStore connections,
        ChatLog chat,
        ViewerStore viewers,
        ChatAdapters adapters,
        ExecutorService io,
        long viewersMs,
        Optional<TokenKeeper> tokens) {

    /** The connection with a token fit for use now (refreshed ahead of expiry) when a keeper is configured. */
    public StoredConnection fresh(UserRef user, StoredConnection c) throws PlatformException {
        return tokens.isPresent() ? tokens.get().fresh(user, c) : c;
    }

    /** A blocking platform call with a fresh token, retried once with a renewed one after a 401. */
    public <T> T call(ChatTarget target, TokenKeeper.Call<T> call) throws PlatformException {
        return tokens.isPresent() ? tokens.get().call(target.user(), target.connection(), call) : call.apply(target.connection());
    }
}
