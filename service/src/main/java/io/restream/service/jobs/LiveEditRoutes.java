package io.restream.service.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.error.ApiException;
import io.restream.core.jobs.EditOutcome;
import io.restream.core.jobs.StoredJob;
import io.restream.core.model.Connection;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Platform;
import io.restream.core.model.Scope;
import io.restream.core.model.UserRef;
import io.restream.platforms.port.StreamMetadata;
import io.restream.service.ServiceContext;
import io.restream.service.auth.AuthHandlers;
import io.restream.service.http.Bodies;
import io.restream.service.http.Fields;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Changes to the running job (API.md §4): {@code PATCH /jobs/current/destinations} adds and removes
 * destinations (the worker starts or ends only those pushes) and {@code PATCH /jobs/current/metadata}
 * changes the title and description on every platform that has them. Both answer the job as it is
 * after the change; fields a PATCH leaves out keep their values.
 */
public final class LiveEditRoutes implements RouteModule {
    private final ServiceContext ctx;
    private final TitleSync titles;

    public LiveEditRoutes(ServiceContext ctx) {
        this.ctx = ctx;
        this.titles = new TitleSync(ctx);
    }

    @Override
    public void mount(Router router) {
        var restream = ctx.auth().user(Scope.RESTREAM);
        router.patch("/api/v1/jobs/current/destinations").handler(restream).handler(Handlers.async(this::onDestinations));
        router.patch("/api/v1/jobs/current/metadata").handler(restream).handler(Handlers.async(this::onMetadata));
    }

    private Future<?> onDestinations(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        Fields f = new Fields(Bodies.object(rc));
        List<String> add = GoLiveRequest.connectionIds("add", f.optionalStrings("add", GoLiveRequest.MAX_DESTINATIONS).orElse(List.of()));
        List<String> remove = GoLiveRequest.connectionIds("remove", f.optionalStrings("remove", GoLiveRequest.MAX_DESTINATIONS).orElse(List.of()));
        List<String> both = add.stream().filter(remove::contains).toList();
        if (!both.isEmpty()) f.problem("add", "also in remove: " + String.join(", ", both));
        if (!f.ok()) throw ApiException.validation(f.problems());
        for (String d : add) {
            Platform p = Platform.ofConnectionId(d).orElseThrow();
            if (!ctx.platforms().enabled(p)) {
                throw new ApiException(403, "platform_disabled", "Platform " + p.id() + " is not enabled on this service");
            }
        }
        Future<Void> connected = add.isEmpty() ? Future.succeededFuture()
                : Handlers.await(rc, ctx.connections().list(user)).map(connections -> {
                    Set<String> have = connections.stream().map(Connection::id).collect(Collectors.toSet());
                    List<String> missing = add.stream().filter(d -> !have.contains(d)).toList();
                    if (!missing.isEmpty()) {
                        throw new ApiException(400, "not_connected", "Not connected: " + String.join(", ", missing),
                                missing.stream().collect(Collectors.toMap(m -> m, m -> "not connected", (a, b) -> a)));
                    }
                    return null;
                });
        return connected.compose(v -> activeJob(rc, user)).compose(job ->
                Handlers.await(rc, ctx.jobs().edits().updateDestinations(job.id(), add, remove)).compose(outcome -> {
                    if (outcome == EditOutcome.EMPTY) {
                        throw ApiException.validation("remove", "would remove every destination; stop the job instead");
                    }
                    return answer(rc, job.id(), outcome);
                }));
    }

    private Future<?> onMetadata(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        Fields f = new Fields(Bodies.object(rc));
        StreamMetadata.Text text = new StreamMetadata.Text(GoLiveRequest.title(f), GoLiveRequest.description(f));
        if (!f.ok()) throw ApiException.validation(f.problems());
        return activeJob(rc, user).compose(job ->
                Handlers.await(rc, ctx.jobs().edits().updateMetadata(job.id(), text.title(), text.description())).compose(outcome -> {
                    if (outcome != EditOutcome.APPLIED || text.isEmpty()) return answer(rc, job.id(), outcome);
                    return titles.apply(job, text).compose(v -> answer(rc, job.id(), outcome));
                }));
    }

    /** The user's current job when it is queued or running; else {@code 409 no_active_job}. */
    private Future<StoredJob> activeJob(RoutingContext rc, UserRef user) {
        return Handlers.await(rc, ctx.jobs().current(user)).map(job -> job
                .filter(j -> j.job().status() == JobStatus.QUEUED || j.job().status() == JobStatus.RUNNING)
                .orElseThrow(LiveEditRoutes::noActiveJob));
    }

    private Future<Void> answer(RoutingContext rc, String jobId, EditOutcome outcome) {
        return switch (outcome) {
            case APPLIED -> Handlers.await(rc, ctx.jobs().get(jobId)).compose(j -> Responses.json(rc, 200, j.orElseThrow().job()));
            case SUPERSEDED -> Future.<Void>failedFuture(new ApiException(409, "superseded", "Job " + jobId + " was superseded by a newer goLive"));
            case INACTIVE, NOT_FOUND, EMPTY -> Future.<Void>failedFuture(noActiveJob());
        };
    }

    private static ApiException noActiveJob() {
        return new ApiException(409, "no_active_job", "No job is queued or running for this user");
    }
}
