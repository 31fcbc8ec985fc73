package io.dbwarden.web;

import io.dbwarden.log.LogLine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Times every request with the injected clock, counts it in {@value #TIMER} (Prometheus:
 * {@code dbwarden_http_server_requests_seconds_count/_sum/_max} by method, route template and status) and writes one
 * access log line: method, route template, status, milliseconds, the token's name (never the token) and, for a
 * refusal, why. Operational routes (probes, scrapes) that succeed log at FINE, to keep the log readable.
 */
final class RequestLog {

    static final String TIMER = "dbwarden.http.server.requests";
    static final Logger LOG = Logger.getLogger("io.dbwarden.web.access");

    /** The route label of a request no route matched; the raw path would give the metric unbounded labels. */
    static final String UNMATCHED = "unmatched";

    private static final String START_ATTRIBUTE = "dbwarden.start";
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Clock clock;
    private final MeterRegistry registry;
    private final String routePrefix;

    RequestLog(Clock clock, MeterRegistry registry, String routePrefix) {
        this.clock = clock;
        this.registry = registry;
        this.routePrefix = routePrefix;
    }

    void started(Context ctx) {
        ctx.attribute(START_ATTRIBUTE, clock.instant());
    }

    void finished(Context ctx) {
        Instant start = ctx.attribute(START_ATTRIBUTE);
        Duration took = start == null ? Duration.ZERO : Duration.between(start, clock.instant());
        String method = KNOWN_METHODS.contains(ctx.method().name()) ? ctx.method().name() : "OTHER";
        String route = route(ctx);
        int status = ctx.statusCode();
        Timer.builder(TIMER)
                .description("HTTP requests served, by method, route template and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(took);

        Caller caller = ctx.attribute(Caller.ATTRIBUTE);
        LogLine line = LogLine.of("http_request")
                .add("method", method)
                .add("route", route)
                .add("status", status)
                .add("millis", took.toMillis())
                .add("token", caller == null ? "-" : caller.name())
                .add("remote", ctx.ip());
        String denied = ctx.attribute(AccessControl.DENIED_ATTRIBUTE);
        if (denied != null) {
            line.add("denied", denied);
        }
        boolean routine = status < 400 && ctx.routeRoles().contains(Access.PUBLIC);
        LOG.log(routine ? Level.FINE : Level.INFO, line.toString());
    }

    private String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null || endpoint.method == HandlerType.BEFORE || endpoint.path.isEmpty()) {
            return UNMATCHED;
        }
        String path = endpoint.path;
        return !routePrefix.isEmpty() && path.startsWith(routePrefix) ? path.substring(routePrefix.length()) : path;
    }
}
