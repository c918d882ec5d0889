package io.restream.service.chat;

import io.restream.core.chat.ChatLog;
import io.restream.core.chat.LoggedComment;
import io.restream.core.error.ApiException;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Scope;
import io.restream.core.model.UserRef;
import io.restream.service.http.Bodies;
import java.util.Map;
import io.restream.service.ServiceContext;
import io.restream.service.auth.AuthHandlers;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/chat/messages} (docs/API.md §5): the merged chat log, and sending chat out. */
public final class ChatRoutes implements RouteModule {
    static final int MAX_LIMIT = 200;

    private final ServiceContext ctx;
    private final ChatLog chat;
    private final ChatSend send;

    public ChatRoutes(ServiceContext ctx) {
        this.ctx = ctx;
        this.chat = new ChatLog(ctx.redis());
        this.send = new ChatSend(ctx.vertx(), ctx.connections(), ctx.platforms().chat(), ctx.platforms().tokens());
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/chat/messages").handler(ctx.auth().user(Scope.READ)).handler(Handlers.async(this::onList));
        router.post("/api/v1/chat/messages").handler(ctx.auth().user(Scope.CHAT_WRITE)).handler(Handlers.async(this::onSend));
    }

    private Future<?> onList(RoutingContext rc) {
        int limit = limit(rc.request().getParam("limit"));
        return Handlers.await(rc, chat.latest(AuthHandlers.principal(rc).user(), limit))
                .compose(list -> Responses.json(rc, 200, list.stream().map(LoggedComment::comment).toList()));
    }

    private Future<?> onSend(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        SendRequest req = SendRequest.parse(Bodies.object(rc));
        return Handlers.await(rc, ctx.jobs().current(user)).compose(job -> {
            if (job.isEmpty() || job.get().job().status() != JobStatus.RUNNING) {
                throw new ApiException(409, "no_active_job", "No job is live for this user, so there is no chat to send to");
            }
            return send.send(job.get(), req.message(), req.platforms());
        }).compose(results -> Responses.json(rc, 200, Map.of("results", results)));
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) return MAX_LIMIT;
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.validation("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
