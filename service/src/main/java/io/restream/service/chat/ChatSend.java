package io.restream.service.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.jobs.StoredJob;
import io.restream.core.model.Broadcast;
import io.restream.core.model.Platform;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.ChatAdapters;
import io.restream.platforms.port.ChatSender;
import io.restream.platforms.port.ChatTarget;
import io.restream.platforms.support.TokenKeeper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message to the chat of each platform of a live job, all at once on worker threads
 * (platform calls block), and reports a result per platform: one platform failing never fails the
 * others.
 */
final class ChatSend {
    private static final Logger log = LoggerFactory.getLogger(ChatSend.class);

    /** One platform's outcome, as docs/API.md §5 shows it ({@code error} only when it failed). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String platform, boolean ok, Map<String, String> error) {
        static Result ok(String platform) { return new Result(platform, true, null); }

        static Result failed(String platform, String code, String message) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("code", code);
            e.put("message", message);
            return new Result(platform, false, e);
        }
    }

    private final Vertx vertx;
    private final ConnectionStore connections;
    private final ChatAdapters adapters;

    private final Optional<TokenKeeper> tokens;

    ChatSend(Vertx vertx, ConnectionStore connections, ChatAdapters adapters, Optional<TokenKeeper> tokens) {
        this.vertx = vertx;
        this.connections = connections;
        this.adapters = adapters;
        this.tokens = tokens;
    }

    /** @param only the platforms asked for, or empty for every chat platform of the job */
    Future<List<Result>> send(StoredJob job, String message, Optional<Set<Platform>> only) {
        List<Future<Result>> results = new ArrayList<>();
        Set<Platform> inJob = new java.util.LinkedHashSet<>();
        for (String destination : job.job().destinations()) {
            Platform p = Platform.ofConnectionId(destination).orElse(Platform.CUSTOM);
            inJob.add(p);
            if (only.isPresent() && !only.get().contains(p)) continue;
            Optional<ChatSender> sender = adapters.sender(p);
            if (sender.isEmpty()) {
                if (only.isPresent()) results.add(Future.succeededFuture(Result.failed(p.id(), "unsupported", p.id() + " has no chat API")));
                continue;
            }
            results.add(sendOne(job, destination, p, sender.get(), message));
        }
        only.ifPresent(wanted -> wanted.stream().filter(p -> !inJob.contains(p)).forEach(p ->
                results.add(Future.succeededFuture(Result.failed(p.id(), "not_connected", p.id() + " is not a destination of the live job")))));
        return Future.all(results).map(all -> results.stream().map(Future::result).toList());
    }

    private Future<Result> sendOne(StoredJob job, String destination, Platform p, ChatSender sender, String message) {
        return Future.fromCompletionStage(connections.get(job.user(), destination), vertx.getOrCreateContext()).compose(found -> {
            if (found.isEmpty()) return Future.succeededFuture(Result.failed(p.id(), "not_connected", p.id() + " is no longer connected"));
            ChatTarget target = new ChatTarget(job.id(), job.user(), found.get(), broadcastId(job, destination));
            return vertx.executeBlocking(() -> deliver(sender, target, p, message, tokens), false);
        }).otherwise(e -> Result.failed(p.id(), "platform_error", "Could not send to " + p.id()));
    }

    private static Result deliver(ChatSender sender, ChatTarget target, Platform p, String message, Optional<TokenKeeper> tokens) {
        try {
            if (tokens.isPresent()) {
                tokens.get().call(target.user(), target.connection(), renewed -> {
                    sender.send(target.with(renewed), message);
                    return null;
                });
            } else {
                sender.send(target, message);
            }
            return Result.ok(p.id());
        } catch (PlatformException e) {
            log.info("job {}: chat send to {} failed: {}", target.jobId(), p.id(), e.getMessage());
            return Result.failed(p.id(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("job {}: chat send to {} failed: {}", target.jobId(), p.id(), e.toString());
            return Result.failed(p.id(), "platform_error", "Could not send to " + p.id());
        }
    }

    private static String broadcastId(StoredJob job, String destination) {
        return job.job().broadcasts().stream().filter(b -> destination.equals(b.destination()))
                .map(Broadcast::broadcastId).filter(id -> id != null && !id.isBlank()).findFirst().orElse(null);
    }
}
