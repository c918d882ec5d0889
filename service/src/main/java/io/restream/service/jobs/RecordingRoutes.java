package io.restream.service.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.error.ApiException;
import io.restream.core.jobs.StoredJob;
import io.restream.core.json.Json;
import io.restream.core.model.Scope;
import io.restream.service.ServiceContext;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code /api/v1/jobs/{id}/recording}: the HLS VOD the worker wrote to
 * {@code <data dir>/recordings/<jobId>/} ({@code index.m3u8}, segments, {@code recording.json}),
 * served with the caller's own credentials. Recordings stay until deleted.
 */
public final class RecordingRoutes implements RouteModule {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final ServiceContext ctx;
    private final JobRoutes jobs;

    public RecordingRoutes(ServiceContext ctx) {
        this.ctx = ctx;
        this.jobs = new JobRoutes(ctx);
    }

    @Override
    public void mount(Router router) {
        var read = ctx.auth().user(Scope.READ);
        router.get("/api/v1/jobs/:id/recording").handler(read).handler(Handlers.async(this::onGet));
        router.delete("/api/v1/jobs/:id/recording").handler(ctx.auth().user(Scope.RESTREAM)).handler(Handlers.async(this::onDelete));
        router.get("/api/v1/jobs/:id/recording/files/:name").handler(read).handler(Handlers.async(this::onFile));
    }

    private Future<?> onGet(RoutingContext rc) {
        return recordedJob(rc).compose(job -> rc.vertx().executeBlocking(() -> describe(job), false))
                .compose(body -> Responses.json(rc, 200, body));
    }

    private Future<?> onDelete(RoutingContext rc) {
        return recordedJob(rc).compose(job -> {
            if (job.job().status().isActive()) {
                return Future.failedFuture(new ApiException(409, "no_active_job", "Stop the job before deleting its recording"));
            }
            return rc.vertx().executeBlocking(() -> {
                deleteTree(dir(job.id()));
                return null;
            }, false).compose(v -> Responses.noContent(rc));
        });
    }

    private Future<?> onFile(RoutingContext rc) {
        String name = rc.pathParam("name");
        if (!FILE_NAME.matcher(name).matches() || name.equals("recording.json")) throw ApiException.notFound("File");
        return recordedJob(rc).compose(job -> {
            Path file = dir(job.id()).resolve(name);
            if (!Files.isRegularFile(file)) throw ApiException.notFound("File " + name);
            String type = name.endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : name.endsWith(".ts") ? "video/mp2t" : "application/octet-stream";
            rc.response().putHeader("Content-Type", type);
            return rc.response().sendFile(file.toString());
        });
    }

    private Future<StoredJob> recordedJob(RoutingContext rc) {
        return jobs.ownJob(rc, rc.pathParam("id")).map(job -> {
            if (!job.job().recording()) throw ApiException.notFound("Recording of job " + job.id());
            return job;
        });
    }

    private Map<String, Object> describe(StoredJob job) {
        Path dir = dir(job.id());
        if (!Files.isDirectory(dir)) {
            if (job.job().status().isActive()) return view(job, "recording", 0, List.of());
            throw ApiException.notFound("Recording of job " + job.id());
        }
        String state = "recording";
        long durationMs = 0;
        Path meta = dir.resolve("recording.json");
        try {
            if (Files.exists(meta)) {
                JsonNode m = Json.read(Files.readString(meta), JsonNode.class);
                state = m.path("state").asText("recording");
                durationMs = m.path("durationMs").asLong(0);
            }
            if (state.equals("recording") && job.job().status().isTerminal()) {
                // The worker died before it could say so: an unfinished playlist is a failed recording.
                // No playlist at all: it ended before its first segment.
                Path playlist = dir.resolve("index.m3u8");
                state = Files.isRegularFile(playlist) && Files.readString(playlist).contains("#EXT-X-ENDLIST") ? "complete" : "failed";
            }
            List<Map<String, Object>> files = new ArrayList<>();
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : list.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (name.equals("recording.json") || !Files.isRegularFile(p)) continue;
                    long bytes;
                    try {
                        bytes = Files.size(p);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        continue; // FFmpeg renamed or replaced it while we listed (its temporary playlist)
                    }
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("name", name);
                    f.put("bytes", bytes);
                    f.put("url", fileUrl(job.id(), name));
                    files.add(f);
                }
            }
            return view(job, state, durationMs, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> view(StoredJob job, String state, long durationMs, List<Map<String, Object>> files) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state);
        out.put("durationMs", durationMs);
        out.put("bytes", files.stream().mapToLong(f -> (Long) f.get("bytes")).sum());
        out.put("playlistUrl", fileUrl(job.id(), "index.m3u8"));
        out.put("files", files);
        return out;
    }

    private String fileUrl(String jobId, String name) {
        return ctx.publicUrl() + "/api/v1/jobs/" + jobId + "/recording/files/" + name;
    }

    private Path dir(String jobId) {
        return ctx.core().dataDir().resolve("recordings").resolve(jobId);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
