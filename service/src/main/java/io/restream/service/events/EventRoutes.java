package io.restream.service.events;

import io.restream.core.chat.ChatLog;
import io.restream.core.chat.LogIds;
import io.restream.core.chat.LoggedComment;
import io.restream.core.chat.ViewerStore;
import io.restream.core.error.ApiException;
import io.restream.core.events.UserEvents;
import io.restream.core.json.Json;
import io.restream.core.model.Scope;
import io.restream.core.model.UserRef;
import io.restream.service.ServiceContext;
import io.restream.service.auth.AuthHandlers;
import io.restream.service.auth.EventTickets;
import io.restream.service.chat.CurrentViewers;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/events} (docs/API.md §5): replays comments after {@code Last-Event-ID} (header or
 * {@code ?lastEventId=}) or the latest {@value #REPLAY_LATEST}, then sends the current job, viewers
 * and connections, then live events, with a {@code : ping} comment line every 15 s. The only route
 * that accepts query-parameter credentials ({@code EventSource} cannot set headers); the preferred
 * one is a single-use ticket from {@code POST /api/v1/events/ticket}, so no bearer token travels
 * in a URL.
 */
public final class EventRoutes implements RouteModule {
    public static final Duration DEFAULT_PING = Duration.ofSeconds(15);
    static final int REPLAY_LATEST = 200;
    /** At most this many comments replayed after an id (the log keeps about 1,000). */
    static final int REPLAY_MAX = 5_000;

    private final ServiceContext ctx;
    private final Duration ping;
    private final ChatLog chat;
    private final CurrentViewers viewers;
    private final EventTickets tickets;

    public EventRoutes(ServiceContext ctx) {
        this(ctx, DEFAULT_PING);
    }

    public EventRoutes(ServiceContext ctx, Duration ping) {
        this.ctx = ctx;
        this.ping = ping;
        this.chat = new ChatLog(ctx.redis());
        this.viewers = new CurrentViewers(ctx.jobs(), new ViewerStore(ctx.redis()));
        this.tickets = new EventTickets(ctx.redis());
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/events/ticket").handler(ctx.auth().user(Scope.READ)).handler(Handlers.async(this::onTicket));
        router.get("/api/v1/events").handler(ctx.auth().userAllowingQuery(Scope.READ)).handler(this::onEvents);
    }

    /** A single-use ticket for one stream of the caller's user, bound to the caller's client, user and scopes. */
    private Future<?> onTicket(RoutingContext rc) {
        return Handlers.await(rc, tickets.issue(AuthHandlers.principal(rc)))
                .compose(t -> Responses.json(rc, 200, Map.of("ticket", t.ticket(), "expiresIn", t.expiresIn())));
    }

    private void onEvents(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        Optional<String> lastId = lastEventId(rc);
        EventHub hub = EventHub.of(ctx);
        Context context = rc.vertx().getOrCreateContext();
        SseStream[] self = new SseStream[1];
        SseStream stream = new SseStream(context, rc.response(), lastId.orElse(null), () -> hub.leave(user, self[0]));
        self[0] = stream;
        Handlers.await(rc, hub.join(user, stream))
                .onFailure(rc::fail)
                .onSuccess(v -> {
                    stream.open(ping.toMillis());
                    catchUp(rc, user, lastId, stream).onComplete(ar -> {
                        if (ar.failed()) stream.close(); else stream.goLive();
                    });
                });
    }

    private Future<Void> catchUp(RoutingContext rc, UserRef user, Optional<String> lastId, SseStream stream) {
        Future<List<LoggedComment>> replay = Handlers.await(rc, lastId.isPresent()
                ? chat.after(user, lastId.get(), REPLAY_MAX)
                : chat.latest(user, REPLAY_LATEST));
        return replay.compose(comments -> {
            for (LoggedComment c : comments) stream.writeNow(HubEvent.of("comment", c.logId(), Json.write(c.comment())));
            var job = Handlers.await(rc, ctx.jobs().current(user));
            var counts = Handlers.await(rc, viewers.of(user));
            var connections = Handlers.await(rc, ctx.connections().list(user));
            return Future.all(job, counts, connections).map(all -> {
                job.result().ifPresent(j -> stream.writeNow(HubEvent.of(UserEvents.JOB, null, Json.write(j.job()))));
                stream.writeNow(HubEvent.of(UserEvents.VIEWERS, null, Json.write(counts.result())));
                stream.writeNow(HubEvent.of(UserEvents.CONNECTIONS, null, Json.write(connections.result())));
                return null;
            });
        });
    }

    private static Optional<String> lastEventId(RoutingContext rc) {
        String raw = rc.request().getHeader("Last-Event-ID");
        if (raw == null || raw.isBlank()) raw = rc.request().getParam("lastEventId");
        if (raw == null || raw.isBlank()) return Optional.empty();
        Optional<String> id = LogIds.parse(raw);
        if (id.isEmpty()) throw ApiException.validation("lastEventId", "must be an event id this stream sent");
        return id;
    }
}
