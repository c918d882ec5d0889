package io.restream.service.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.error.ApiException;
import io.restream.core.jobs.StoredJob;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Scope;
import io.restream.service.ServiceContext;
import io.restream.service.auth.ApiKey;
import io.restream.service.http.Bodies;
import io.restream.service.http.Fields;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code /api/v1/admin/**} (docs/API.md §1–2), guarded by the admin token. */
public final class AdminRoutes implements RouteModule {
    private static final Pattern NAME = Pattern.compile("(?s)\\S.{0,63}");
    private static final int MAX_ORIGINS = 50;

    private final ServiceContext ctx;

    public AdminRoutes(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void mount(Router router) {
        var admin = ctx.auth().admin();
        router.post("/api/v1/admin/clients").handler(admin).handler(Handlers.async(this::onClientCreate));
        router.get("/api/v1/admin/clients").handler(admin).handler(Handlers.async(this::onClientList));
        router.post("/api/v1/admin/clients/:clientId/keys").handler(admin).handler(Handlers.async(this::onKeyCreate));
        router.get("/api/v1/admin/clients/:clientId/keys").handler(admin).handler(Handlers.async(this::onKeyList));
        router.delete("/api/v1/admin/keys/:keyId").handler(admin).handler(Handlers.async(this::onKeyRevoke));
        router.get("/api/v1/admin/jobs").handler(admin).handler(Handlers.async(this::onJobList));
        router.get("/api/v1/admin/workers").handler(admin).handler(Handlers.async(this::onWorkerList));
        router.post("/api/v1/admin/signing-keys").handler(admin).handler(Handlers.async(this::onSigningKeyCreate));
        router.get("/api/v1/admin/signing-keys").handler(admin).handler(Handlers.async(this::onSigningKeyList));
        router.post("/api/v1/admin/signing-keys/:id/deactivate").handler(admin).handler(Handlers.async(this::onSigningKeyDeactivate));
    }

    private Future<?> onClientCreate(RoutingContext rc) {
        Fields f = new Fields(Bodies.object(rc));
        String name = f.string("name", NAME, "1-64 characters, not blank");
        if (!f.ok()) throw ApiException.validation(f.problems());
        return Handlers.await(rc, ctx.clients().createClient(name.strip(), System.currentTimeMillis()))
                .compose(c -> Responses.json(rc, 201, c));
    }

    private Future<?> onClientList(RoutingContext rc) {
        return Handlers.await(rc, ctx.clients().clients()).compose(all -> Responses.json(rc, 200, all));
    }

    private Future<?> onKeyCreate(RoutingContext rc) {
        String clientId = rc.pathParam("clientId");
        JsonNode body = Bodies.object(rc);
        Fields f = new Fields(body);
        ApiKey.Type type = f.string("type", Pattern.compile("publishable|secret"), "must be publishable or secret") == null
                ? null : ApiKey.Type.valueOf(body.get("type").textValue().toUpperCase());
        List<Scope> scopes = scopes(f, type);
        List<String> origins = f.optionalStrings("allowedOrigins", MAX_ORIGINS).orElse(List.of());
        for (String o : origins) {
            if (!Origins.valid(o)) f.problem("allowedOrigins", "each entry must be an exact origin scheme://host[:port], got '" + abbreviate(o) + "'");
        }
        if (type == ApiKey.Type.PUBLISHABLE && origins.isEmpty() && f.ok()) {
            f.problem("allowedOrigins", "a publishable key needs at least one origin");
        }
        if (!f.ok()) throw ApiException.validation(f.problems());
        List<String> keptOrigins = type == ApiKey.Type.SECRET ? List.of() : List.copyOf(new LinkedHashSet<>(origins));
        return Handlers.await(rc, ctx.clients().client(clientId)).compose(client -> {
            if (client.isEmpty()) throw ApiException.notFound("Client " + clientId);
            return Handlers.await(rc, ctx.clients().createKey(clientId, type, scopes, keptOrigins, System.currentTimeMillis()));
        }).compose(created -> {
            ApiKey k = created.key();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", k.id());
            out.put("type", k.type());
            out.put("key", created.value());
            out.put("prefix", k.prefix());
            out.put("scopes", k.scopes());
            out.put("allowedOrigins", k.allowedOrigins());
            out.put("createdAt", k.createdAt());
            return Responses.json(rc, 201, out);
        });
    }

    private Future<?> onKeyList(RoutingContext rc) {
        String clientId = rc.pathParam("clientId");
        return Handlers.await(rc, ctx.clients().client(clientId)).compose(client -> {
            if (client.isEmpty()) throw ApiException.notFound("Client " + clientId);
            return Handlers.await(rc, ctx.clients().keys(clientId));
        }).compose(keys -> Responses.json(rc, 200, keys.stream().map(AdminRoutes::keyView).toList()));
    }

    private Future<?> onKeyRevoke(RoutingContext rc) {
        return Handlers.await(rc, ctx.clients().revoke(rc.pathParam("keyId"), System.currentTimeMillis())).compose(done -> {
            if (!done) throw ApiException.notFound("Key " + rc.pathParam("keyId"));
            return Responses.noContent(rc);
        });
    }

    private Future<?> onJobList(RoutingContext rc) {
        String status = rc.request().getParam("status");
        Optional<JobStatus> filter = Optional.empty();
        if (status != null) {
            try {
                filter = Optional.of(JobStatus.of(status));
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("status", "one of queued, running, stopping, stopped, failed, ended");
            }
        }
        return Handlers.await(rc, ctx.jobs().listAll(filter, 1000))
                .compose(jobs -> Responses.json(rc, 200, jobs.stream().map(AdminRoutes::adminJobView).toList()));
    }

    private Future<?> onWorkerList(RoutingContext rc) {
        return Handlers.await(rc, ctx.workers().list()).compose(w -> Responses.json(rc, 200, w));
    }

    private Future<?> onSigningKeyCreate(RoutingContext rc) {
        Fields f = new Fields(Bodies.object(rc));
        f.optionalString("alg", Pattern.compile("Ed25519|EdDSA"), "only Ed25519 is supported");
        if (!f.ok()) throw ApiException.validation(f.problems());
        return Handlers.await(rc, ctx.signingKeys().create(System.currentTimeMillis())).compose(k -> Responses.json(rc, 201, k));
    }

    private Future<?> onSigningKeyList(RoutingContext rc) {
        return Handlers.await(rc, ctx.signingKeys().list()).compose(k -> Responses.json(rc, 200, k));
    }

    private Future<?> onSigningKeyDeactivate(RoutingContext rc) {
        return Handlers.await(rc, ctx.signingKeys().deactivate(rc.pathParam("id"), System.currentTimeMillis())).compose(k -> {
            if (k.isEmpty()) throw ApiException.notFound("Signing key " + rc.pathParam("id"));
            return Responses.json(rc, 200, k.get());
        });
    }

    /** The asked scopes; by default all for a secret key and {@code read} only for a browser's publishable key (least privilege). */
    private static List<Scope> scopes(Fields f, ApiKey.Type type) {
        Optional<List<String>> given = f.optionalStrings("scopes", 10);
        if (given.isEmpty()) return type == ApiKey.Type.PUBLISHABLE ? List.of(Scope.READ) : List.of(Scope.values());
        List<Scope> out = new ArrayList<>();
        for (String s : given.get()) {
            Optional<Scope> scope = Scope.fromId(s);
            if (scope.isEmpty()) {
                f.problem("scopes", "unknown scope '" + abbreviate(s) + "' (connect, restream, read, chat:write)");
            } else if (!out.contains(scope.get())) {
                out.add(scope.get());
            }
        }
        if (out.isEmpty() && f.ok()) f.problem("scopes", "at least one scope");
        return out;
    }

    private static Map<String, Object> keyView(ApiKey k) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", k.id());
        out.put("type", k.type());
        out.put("prefix", k.prefix());
        out.put("scopes", k.scopes());
        out.put("allowedOrigins", k.allowedOrigins());
        out.put("createdAt", k.createdAt());
        out.put("revokedAt", k.revokedAt());
        return out;
    }

    /** Admin sees which client a job belongs to; users never need that. */
    private static Map<String, Object> adminJobView(StoredJob j) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = io.restream.core.json.Json.MAPPER.convertValue(j.job(), LinkedHashMap.class);
        out.put("clientId", j.user().clientId());
        return out;
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
