package io.restream.sdk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Token mode's credential: the supplier is asked lazily, its token cached and asked for again once
 * three quarters of its life have passed (at most a minute before expiry), or after the service
 * refused it ({@link #invalidate}). Single-flight: threads that need a token while one is being
 * fetched wait for that fetch instead of starting their own.
 */
final class TokenCache {
    private final Supplier<SessionToken> supplier;
    private String token;
    private long renewAtMs;
    private CompletableFuture<String> inflight;

    TokenCache(Supplier<SessionToken> supplier) {
        this.supplier = supplier;
    }

    /** A token that is not near its expiry, fetching one if needed. */
    String get() {
        CompletableFuture<String> wait;
        boolean mine = false;
        synchronized (this) {
            if (token != null && System.currentTimeMillis() < renewAtMs) return token;
            if (inflight == null) {
                inflight = new CompletableFuture<>();
                mine = true;
            }
            wait = inflight;
        }
        if (mine) fetch(wait);
        try {
            return wait.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RestreamException re ? re
                    : new RestreamException(0, "token_unavailable", "the token supplier failed: " + e.getCause(), e.getCause());
        }
    }

    private void fetch(CompletableFuture<String> result) {
        try {
            long asked = System.currentTimeMillis();
            SessionToken t = supplier.get();
            if (t == null) throw new RestreamException(0, "token_unavailable", "the token supplier returned null", (Throwable) null);
            long lifeMs = t.expiresInSeconds() * 1000;
            synchronized (this) {
                token = t.token();
                renewAtMs = asked + Math.max(lifeMs * 3 / 4, lifeMs - 60_000);
                inflight = null;
            }
            result.complete(t.token());
        } catch (RuntimeException e) {
            synchronized (this) {
                inflight = null;
            }
            result.completeExceptionally(e);
        }
    }

    /** The service refused {@code stale}: the next {@link #get} asks the supplier again. */
    synchronized void invalidate(String stale) {
        if (stale != null && stale.equals(token)) token = null;
    }
}
