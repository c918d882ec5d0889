package io.restream.service.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.error.ApiException;
import io.restream.core.jobs.NewJob;
import io.restream.core.jobs.StoredJob;
import io.restream.core.json.Json;
import io.restream.core.redis.RedisKeys;
import io.restream.core.model.Connection;
import io.restream.core.model.Overlay;
import io.restream.core.model.Platform;
import io.restream.core.model.Scope;
import io.restream.core.model.UserRef;
import io.restream.service.ServiceContext;
import io.restream.service.auth.AuthHandlers;
import io.restream.service.connections.IngestUrls;
import io.restream.service.http.Bodies;
import io.restream.service.http.Fields;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /api/v1/jobs} (docs/API.md §4): goLive, current, get, stop and the live overlay. */
public final class JobRoutes implements RouteModule {
    private final ServiceContext ctx;

    public JobRoutes(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void mount(Router router) {
        var restream = ctx.auth().user(Scope.RESTREAM);
        var read = ctx.auth().user(Scope.READ);
        router.post("/api/v1/jobs").handler(restream).handler(Handlers.async(this::onGoLive));
        router.get("/api/v1/jobs/current").handler(read).handler(Handlers.async(this::onCurrent));
        router.post("/api/v1/jobs/current/stop").handler(restream).handler(Handlers.async(this::onStopCurrent));
        router.patch("/api/v1/jobs/current/overlay").handler(restream).handler(Handlers.async(this::onOverlay));
        router.get("/api/v1/jobs/:id").handler(read).handler(Handlers.async(this::onGet));
        router.post("/api/v1/jobs/:id/stop").handler(restream).handler(Handlers.async(this::onStop));
    }

    private Future<?> onGoLive(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        GoLiveRequest req = GoLiveRequest.parse(Bodies.object(rc));
        for (String d : req.destinations()) {
            Platform p = Platform.ofConnectionId(d).orElseThrow();
            if (!ctx.platforms().enabled(p)) {
                throw new ApiException(403, "platform_disabled", "Platform " + p.id() + " is not enabled on this service");
            }
        }
        Future<Void> urls = OverlayRequest.checkUrls(rc.vertx(), ctx.urlGuard(), ctx.core().allowHttpOverlays(), req.overlay(), "overlay.");
        for (var e : req.ingest().entrySet()) {
            urls = urls.compose(v -> IngestUrls.check(rc.vertx(), ctx.urlGuard(), "ingest." + e.getKey() + ".url", e.getValue().url()));
        }
        return urls.compose(v -> Handlers.await(rc, ctx.connections().list(user))).compose(connections -> {
            Set<String> connected = connections.stream().map(Connection::id).collect(Collectors.toSet());
            List<String> missing = new ArrayList<>(req.destinations().stream().filter(d -> !connected.contains(d)).toList());
            if (!missing.isEmpty()) {
                throw new ApiException(400, "not_connected", "Not connected: " + String.join(", ", missing),
                        missing.stream().collect(Collectors.toMap(m -> m, m -> "not connected", (a, b) -> a)));
            }
            String sealedIngest = req.ingest().isEmpty() ? null : ctx.box().encrypt(Json.write(req.ingest()));
            NewJob spec = new NewJob(RedisKeys.newJobId(user), user, req.publisherSessionId(), req.destinations(), req.trackNames(),
                    req.overlay(), req.recording(), sealedIngest, System.currentTimeMillis(), req.title(), req.description());
            return Handlers.await(rc, ctx.jobs().create(spec));
        }).compose(created -> Responses.json(rc, 201, created.job().job()));
    }

    private Future<?> onCurrent(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        return Handlers.await(rc, ctx.jobs().current(user)).compose(job -> {
            if (job.isEmpty()) throw noJob();
            return Responses.json(rc, 200, job.get().job());
        });
    }

    private Future<?> onGet(RoutingContext rc) {
        return ownJob(rc, rc.pathParam("id")).compose(job -> Responses.json(rc, 200, job.job()));
    }

    private Future<?> onStopCurrent(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        return Handlers.await(rc, ctx.jobs().current(user)).compose(job -> {
            if (job.isEmpty()) throw noJob();
            return stop(rc, job.get().id());
        });
    }

    private Future<?> onStop(RoutingContext rc) {
        return ownJob(rc, rc.pathParam("id")).compose(job -> stop(rc, job.id()));
    }

    private Future<?> stop(RoutingContext rc, String jobId) {
        return Handlers.await(rc, ctx.jobs().stop(jobId, System.currentTimeMillis())).compose(outcome -> switch (outcome) {
            case NOT_FOUND -> Future.failedFuture(ApiException.notFound("Job " + jobId));
            case SUPERSEDED -> Future.failedFuture(new ApiException(409, "superseded", "Job " + jobId + " was superseded by a newer goLive"));
            case FINISHED -> Handlers.await(rc, ctx.jobs().get(jobId)).compose(j -> Responses.json(rc, 200, j.orElseThrow().job()));
            case STOPPING, STOPPED -> Handlers.await(rc, ctx.jobs().get(jobId)).compose(j -> Responses.json(rc, 202, j.orElseThrow().job()));
        });
    }

    private Future<?> onOverlay(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        JsonNode body = Bodies.object(rc);
        Fields f = new Fields(body);
        Overlay patch = OverlayRequest.parse(body, "", f);
        if (!f.ok()) throw ApiException.validation(f.problems());
        return OverlayRequest.checkUrls(rc.vertx(), ctx.urlGuard(), ctx.core().allowHttpOverlays(), patch, "")
                .compose(v -> Handlers.await(rc, ctx.jobs().current(user)))
                .compose(job -> {
                    if (job.isEmpty()) throw noActiveJob();
                    String id = job.get().id();
                    return Handlers.await(rc, ctx.jobs().patchOverlay(id, patch)).compose(outcome -> switch (outcome) {
                        case APPLIED -> Handlers.await(rc, ctx.jobs().get(id)).compose(j -> Responses.json(rc, 200, j.orElseThrow().job()));
                        case SUPERSEDED -> Future.failedFuture(new ApiException(409, "superseded", "Job " + id + " was superseded"));
                        case INACTIVE, NOT_FOUND -> Future.failedFuture(noActiveJob());
                    });
                });
    }

    /** The caller's own job, or {@code 404 not_found} (other users' jobs do not exist for them). */
    Future<StoredJob> ownJob(RoutingContext rc, String jobId) {
        UserRef user = AuthHandlers.principal(rc).user();
        if (jobId == null || jobId.length() > 64) return Future.failedFuture(ApiException.notFound("Job"));
        return Handlers.await(rc, ctx.jobs().get(jobId)).map(job -> job.filter(j -> j.user().equals(user))
                .orElseThrow(() -> ApiException.notFound("Job " + jobId)));
    }

    private static ApiException noJob() {
        return new ApiException(404, "no_job", "This user has no job yet");
    }

    private static ApiException noActiveJob() {
        return new ApiException(409, "no_active_job", "No job is queued or running for this user");
    }

}
