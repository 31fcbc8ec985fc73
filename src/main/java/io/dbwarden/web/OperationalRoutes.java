package io.dbwarden.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * {@code /-/healthy} (200 while the process serves), {@code /-/ready} (200 when the readiness check says so, else
 * 503) and {@code /metrics} (Prometheus text format), answered in plain text as Prometheus and Alertmanager do.
 */
final class OperationalRoutes {

    /** Prometheus text exposition format 0.0.4, which every Prometheus scrapes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private OperationalRoutes() {}

    static void mount(RouteTable routes, OperationalAccess access, BooleanSupplier readiness,
            PrometheusMeterRegistry registry) {
        routes.operational("/-/healthy", access, ctx -> ctx.contentType("text/plain; charset=utf-8").result("OK"));
        routes.operational("/-/ready", access, ctx -> {
            ctx.contentType("text/plain; charset=utf-8");
            if (readiness.getAsBoolean()) {
                ctx.result("OK");
            } else {
                ctx.status(503).result("not ready");
            }
        });
        routes.operational("/metrics", access, ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
    }
}
