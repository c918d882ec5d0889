package io.restream.chat.jobs;

import io.restream.core.chat.ChatLog;
import io.restream.core.chat.ViewerStore;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.redis.Redis;
import io.restream.oauth.chat.ChatAdapters;
import java.util.concurrent.ExecutorService;

/** What every job's chat needs, built once per aggregator. */
public record ChatDeps(
        Redis redis,
        ConnectionStore connections,
        ChatLog chat,
        ViewerStore viewers,
        ChatAdapters adapters,
        ExecutorService io,
        long viewersMs) {}
