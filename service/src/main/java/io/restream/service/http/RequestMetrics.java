package io.restream.service.http;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Counts and times every request ({@code restream_http_requests_seconds}) by method, route
 * template and status. The template is the router's own ({@code /api/v1/jobs/{id}}), so the label
 * set stays small; paths no route knows are {@code unmatched}, and method names outside the
 * standard ones are {@code other}.
 */
public final class RequestMetrics implements Handler<RoutingContext> {
    private final PrometheusMeterRegistry registry;
    private volatile List<Template> templates = List.of();

    private record Template(String name, Pattern pattern, int params) {}

    public RequestMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** The router's paths ({@code /jobs/:id}); called once the routes are mounted. */
    public void knownRoutes(List<String> routerPaths) {
        this.templates = routerPaths.stream().distinct().map(p -> {
            String name = p.replaceAll(":([A-Za-z]+)", "{$1}");
            String regex = Pattern.quote(p).replaceAll(":[A-Za-z]+", "\\\\E[^/]+\\\\Q");
            int params = (int) p.chars().filter(c -> c == ':').count();
            return new Template(name, Pattern.compile(regex), params);
        }).sorted(Comparator.comparingInt(Template::params)).toList();
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(v -> Timer.builder("restream_http_requests")
                .description("HTTP requests served")
                .tag("method", methodLabel(ctx.request().method()))
                .tag("route", template(ctx.normalizedPath()))
                .tag("status", Integer.toString(ctx.response().getStatusCode()))
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        ctx.next();
    }

    /** The method's name for the standard methods; any other name a client invents is {@code other}, so the label set stays bounded. */
    static String methodLabel(io.vertx.core.http.HttpMethod method) {
        return STANDARD_METHODS.contains(method.name()) ? method.name() : "other";
    }

    private static final java.util.Set<String> STANDARD_METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    String template(String path) {
        for (Template t : templates) {
            if (t.pattern().matcher(path).matches()) return t.name();
        }
        return "unmatched";
    }
}
