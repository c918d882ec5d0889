package io.restream.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking work the API starts on its own (token sweeps, revocations after a disconnect), tracked
 * so that shutdown can stop starting more and wait for what runs: a task completing after its
 * Vert.x has closed would fail on a terminated event loop.
 */
public final class BackgroundWork {
    private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);

    private final Vertx vertx;
    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public BackgroundWork(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code task} on a worker thread unless shutting down; the future fails when it was not run. */
    public <T> Future<T> run(Callable<T> task) {
        if (closing) return Future.failedFuture(new IllegalStateException("shutting down"));
        Future<T> f = vertx.executeBlocking(task, false);
        running.add(f);
        f.onComplete(ar -> running.remove(f));
        return f;
    }

    public boolean closing() { return closing; }

    /** Stops taking work and waits (at most {@code timeoutMs}) for what is running. */
    public void drain(long timeoutMs) {
        closing = true;
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (Future<?> f : Set.copyOf(running)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) break;
            try {
                f.toCompletionStage().toCompletableFuture().get(left, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Failed or timed out: either way it is not ours to wait for any longer.
            }
        }
        if (!running.isEmpty()) log.warn("{} background task(s) still running at shutdown", running.size());
    }
}
