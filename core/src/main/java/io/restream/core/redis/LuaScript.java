package io.restream.core.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script from the classpath, run with EVALSHA, and with EVAL (which also caches it on that
 * node) on {@code NOSCRIPT}. The digest is computed here rather than by SCRIPT LOAD because on a
 * cluster SCRIPT LOAD reaches one node while EVALSHA goes to the node of the script's keys, and a
 * failed-over replica or a restarted node has an empty script cache.
 */
public final class LuaScript {
    private final String body;
    private final String sha;
    private final ScriptOutputType output;

    private LuaScript(String body, ScriptOutputType output) {
        this.body = body;
        this.output = output;
        this.sha = sha1(body);
    }

    public static LuaScript load(Class<?> owner, String resource, ScriptOutputType output) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing script " + resource);
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script; every one of {@code keys} must be in one hash slot (a cluster refuses others). */
    public <T> CompletionStage<T> run(Redis redis, String[] keys, String... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        redis.async().<T>evalsha(sha, output, keys, args).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else if (error instanceof RedisNoScriptException || String.valueOf(error.getMessage()).startsWith("NOSCRIPT")) {
                redis.async().<T>eval(body, output, keys, args).whenComplete((v, e) -> {
                    if (e == null) result.complete(v); else result.completeExceptionally(e);
                });
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
