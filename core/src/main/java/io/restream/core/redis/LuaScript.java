package io.restream.core.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A Lua script from the classpath, run with EVALSHA and loaded again on {@code NOSCRIPT}. */
public final class LuaScript {
    private final String body;
    private final ScriptOutputType output;
    private volatile String sha;

    private LuaScript(String body, ScriptOutputType output) {
        this.body = body;
        this.output = output;
    }

    public static LuaScript load(Class<?> owner, String resource, ScriptOutputType output) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing script " + resource);
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public <T> CompletionStage<T> run(Redis redis, String[] keys, String... args) {
        String known = sha;
        if (known == null) {
            return redis.async().scriptLoad(body).thenCompose(loaded -> {
                sha = loaded;
                return (CompletionStage<T>) redis.async().evalsha(loaded, output, keys, args);
            });
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        redis.async().<T>evalsha(known, output, keys, args).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else if (error instanceof RedisNoScriptException || String.valueOf(error.getMessage()).startsWith("NOSCRIPT")) {
                sha = null; // Redis restarted without its script cache: load once more.
                this.<T>run(redis, keys, args).whenComplete((v, e) -> {
                    if (e == null) result.complete(v); else result.completeExceptionally(e);
                });
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }
}
