package io.restream.service.jobs;

import io.restream.core.connections.StoredConnection;
import io.restream.core.jobs.StoredJob;
import io.restream.core.model.Broadcast;
import io.restream.core.model.ErrorInfo;
import io.restream.core.model.Platform;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.StreamMetadata;
import io.restream.service.ServiceContext;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a live job's new title and description on each of its destinations' platforms, all at
 * once on worker threads, and records per destination whether the platform took it: a refusal
 * shows on that broadcast only ({@code broadcasts[].error}), never fails the edit or the job.
 */
final class TitleSync {
    private static final Logger log = LoggerFactory.getLogger(TitleSync.class);

    private final ServiceContext ctx;

    TitleSync(ServiceContext ctx) {
        this.ctx = ctx;
    }

    /** Completes once every platform has answered (or failed) and the outcomes are stored. */
    Future<Void> apply(StoredJob job, StreamMetadata.Text text) {
        Map<String, String> broadcastIds = new HashMap<>();
        for (Broadcast b : job.job().broadcasts()) if (b.broadcastId() != null) broadcastIds.put(b.destination(), b.broadcastId());
        List<Future<Map.Entry<String, Optional<ErrorInfo>>>> calls = new ArrayList<>();
        for (String destination : job.job().destinations()) {
            Platform platform = Platform.ofConnectionId(destination).orElse(Platform.CUSTOM);
            Optional<StreamMetadata> port = ctx.platforms().streamMetadata(platform);
            if (port.isEmpty()) continue;
            calls.add(ctx.background().run(() -> Map.entry(destination,
                    applyOne(job, destination, port.get(), broadcastIds.get(destination), text))));
        }
        if (calls.isEmpty()) return Future.succeededFuture();
        return Future.join(calls).transform(ar -> {
            Map<String, ErrorInfo> outcomes = new HashMap<>();
            for (var f : calls) {
                if (f.succeeded()) outcomes.put(f.result().getKey(), f.result().getValue().orElse(null));
            }
            return Future.fromCompletionStage(ctx.jobs().edits().reportMetadata(job.id(), outcomes), ctx.vertx().getOrCreateContext());
        });
    }

    /** Blocking: empty when the platform took it, else its refusal. */
    private Optional<ErrorInfo> applyOne(StoredJob job, String destination, StreamMetadata port, String broadcastId, StreamMetadata.Text text) {
        try {
            Optional<StoredConnection> c = ctx.connections().get(job.user(), destination).toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (c.isEmpty()) return Optional.of(new ErrorInfo("not_connected", destination + " is no longer connected"));
            port.apply(job.user(), c.get(), broadcastId, text);
            log.info("job {} destination {}: title updated", job.id(), destination);
            return Optional.empty();
        } catch (PlatformException e) {
            // Not set up yet: the worker's set-up reads the job's title, which is stored already.
            if ("not_ready".equals(e.code())) return Optional.empty();
            log.warn("job {} destination {}: title refused: {} {}", job.id(), destination, e.code(), e.getMessage());
            return Optional.of(new ErrorInfo(e.code(), e.getMessage()));
        } catch (Exception e) {
            log.warn("job {} destination {}: title not updated: {}", job.id(), destination, e.getClass().getSimpleName());
            return Optional.of(new ErrorInfo("platform_error", "the title could not be set: " + e.getClass().getSimpleName()));
        }
    }
}
