package io.restream.service.http;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Counts and times every request ({@code restream_http_requests_seconds}) by method, route
 * template and status. Ids in paths are folded into {@code {id}} so the label set stays small.
 */
public final class RequestMetrics implements Handler<RoutingContext> {
    private static final List<Pattern> IDS = List.of(
            Pattern.compile("/(job|cli|key|sig)_[A-Za-z0-9]+"),
            Pattern.compile("(?<=/connections/)[^/]+(?=$)"),
            Pattern.compile("(?<=/connections/|/oauth/)[^/]+(?=/)"),
            Pattern.compile("(?<=/files/)[^/]+$"));

    private final PrometheusMeterRegistry registry;

    public RequestMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(v -> {
            int status = ctx.response().getStatusCode();
            String route = status == 404 ? "unmatched" : template(ctx.normalizedPath());
            Timer.builder("restream_http_requests")
                    .description("HTTP requests served")
                    .tag("method", ctx.request().method().name())
                    .tag("route", route)
                    .tag("status", Integer.toString(status))
                    .publishPercentileHistogram(false)
                    .register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        });
        ctx.next();
    }

    static String template(String path) {
        String out = path;
        out = IDS.get(0).matcher(out).replaceAll("/{id}");
        out = IDS.get(1).matcher(out).replaceAll("{id}");
        out = IDS.get(2).matcher(out).replaceAll("{platform}");
        out = IDS.get(3).matcher(out).replaceAll("{name}");
        return out.length() > 120 ? "long" : out;
    }
}
