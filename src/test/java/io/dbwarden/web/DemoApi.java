package io.dbwarden.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few routes that stand for the service's API in these tests: reads for viewers, runs for operators, targets for
 * admins, and handlers that refuse or fail in each way the error mapping knows. Its state shows whether a denied
 * request changed anything.
 */
final class DemoApi {

    record Target(String dsn) {}

    record Echo(String name, int count) {}

    final AtomicInteger runsStarted = new AtomicInteger();
    final Map<String, Target> targets = new ConcurrentHashMap<>();

    void mount(Routes routes) {
        routes.get("/api/v1/targets", Role.VIEWER, ctx -> ctx.json(targets))
                .get("/api/v1/targets/{name}", Role.VIEWER, ctx -> {
                    Target target = targets.get(ctx.pathParam("name"));
                    if (target == null) {
                        throw new NotFound("no target named '" + ctx.pathParam("name") + "'");
                    }
                    ctx.json(target);
                })
                .put("/api/v1/targets/{name}", Role.ADMIN, ctx -> {
                    Target target = ctx.bodyAsClass(Target.class);
                    if (target.dsn() == null || target.dsn().isBlank()) {
                        throw new Unprocessable("a target needs a dsn");
                    }
                    if (targets.putIfAbsent(ctx.pathParam("name"), target) != null) {
                        throw new Conflict("a target named '" + ctx.pathParam("name") + "' exists");
                    }
                    ctx.status(201).json(target);
                })
                .post("/api/v1/runs", Role.OPERATOR, ctx -> {
                    int id = runsStarted.incrementAndGet();
                    ctx.status(202).json(Map.of("id", id));
                })
                .get("/api/v1/whoami", Role.VIEWER, ctx -> ctx.json(Caller.of(ctx)))
                .post("/api/v1/echo", Role.VIEWER, ctx -> ctx.json(ctx.bodyAsClass(Echo.class)))
                .get("/api/v1/bad", Role.VIEWER, ctx -> {
                    throw new BadRequest("the 'limit' parameter must be a number");
                })
                .get("/api/v1/boom", Role.VIEWER, ctx -> {
                    throw new IllegalStateException("could not connect to postgresql://app:hunter2@db/app");
                })
                .get("/api/v1/fatal", Role.VIEWER, ctx -> {
                    throw new AssertionError("hunter2 leaked through an Error");
                });
    }
}
