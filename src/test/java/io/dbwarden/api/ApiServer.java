package io.dbwarden.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbwarden.app.ChecksConfig;
import io.dbwarden.app.IntervalLengths;
import io.dbwarden.app.ListenAddress;
import io.dbwarden.app.ServiceConfig;
import io.dbwarden.app.StoreLocation;
import io.dbwarden.app.TargetDefinition;
import io.dbwarden.service.DbwardenService;
import io.dbwarden.service.FindingFilter;
import io.dbwarden.testing.PostgresServer;
import io.dbwarden.web.ApiToken;
import io.dbwarden.web.Json;
import io.dbwarden.web.WebServer;
import io.dbwarden.web.WebSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real thing for API tests: a {@link DbwardenService} over an H2 store in a temporary directory (automatic
 * scheduling off, so only the runs a test asks for happen) behind a real {@link WebServer} on a free port with
 * {@link ApiV1} mounted. Targets are databases on the shared private PostgreSQL.
 */
public final class ApiServer implements AutoCloseable {

    /** Long enough for a run of one check on a loaded 2-core machine. */
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    /**
     * A check that finds every row of {@code public.flags} in the target's database, keyed by its name, with the
     * row's severity: a test plants findings with INSERT and removes them with DELETE.
     */
    static final String FLAG_CHECK = """
            name: test_flags
            engine: postgresql
            category: security
            severity: warning
            interval: frequent
            summary: "flag {{name}} is set"
            description: "public.flags has a row {{name}}"
            remediation: "DELETE FROM public.flags WHERE name = '{{name}}';"
            params: { ignore: [] }
            queries:
              flags:
                sql: SELECT name, severity FROM public.flags
            rule: |
              flags.filter(f, !(f.name in params.ignore)).map(f, {'name': f.name, 'severity': f.severity})
            key: [name]
            """;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final DbwardenService service;
    private final WebServer web;

    private ApiServer(DbwardenService service, WebServer web) {
        this.service = service;
        this.web = web;
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** A fresh database on the shared private PostgreSQL with an empty {@code public.flags}; returns its DSN. */
    public static String flagDatabase() {
        PostgresServer pg = PostgresServer.shared();
        String db = "api_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        pg.execute("CREATE DATABASE " + db);
        pg.executeIn(db, "CREATE TABLE public.flags (name text PRIMARY KEY, severity text NOT NULL)");
        return pg.dsn(db);
    }

    public static void plant(String dsn, String flag, String severity) {
        PostgresServer.shared().executeIn(dsn.substring(dsn.lastIndexOf('/') + 1),
                "INSERT INTO public.flags VALUES ('" + flag + "', '" + severity + "')");
    }

    ApiHttp http() {
        return new ApiHttp(web.uri(), null);
    }

    ApiHttp http(String token) {
        return new ApiHttp(web.uri(), token);
    }

    public String url() {
        return web.uri().toString();
    }

    public DbwardenService service() {
        return service;
    }

    /** Waits for a run to end and returns it as {@code GET /runs/{id}} shows it (read through the service: no token). */
    public JsonNode awaitRun(long id) {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (true) {
            JsonNode run = Json.MAPPER.valueToTree(RunJson.of(service.runs().get(id)));
            String status = run.path("status").asText();
            if (!status.equals("queued") && !status.equals("running")) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + id + " did not end within " + RUN_TIMEOUT + ": " + run);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Starts a run through the API and waits for it to end. */
    JsonNode run(String body) {
        ApiHttp.Answer started = http().post("/api/v1/runs", body);
        if (started.status() != 202) {
            throw new AssertionError("run not started: " + started.status() + " " + started.body());
        }
        return awaitRun(started.json().path("id").asLong());
    }

    /**
     * Everything a request could change, read through the service itself: targets, every check's settings, runs,
     * findings and the audit log. Two equal states mean nothing changed in between.
     */
    String state() {
        List<Object> parts = new ArrayList<>();
        parts.add(service.inventory().list().stream().map(TargetJson::of).toList());
        parts.add(service.checks().list().stream().map(CheckJson::of).toList());
        parts.add(service.runs().list(1000, Optional.empty()).stream().map(RunJson::of).toList());
        parts.add(service.findings().query(new FindingFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), FindingFilter.MAX_LIMIT, 0)).findings().stream()
                .map(FindingJson::of).toList());
        parts.add(service.audit().list(1000, Optional.empty()).stream().map(AuditJson::of).toList());
        try {
            return Json.MAPPER.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        web.stop();
        service.close();
    }

    public static final class Builder {
        private final Path dir;
        private final List<TargetDefinition> targets = new ArrayList<>();
        private final List<ApiToken> tokens = new ArrayList<>();
        private boolean flagCheck;
        private Optional<Path> keyFile = Optional.empty();
        private final List<String> extraChecks = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** A target declared in the configuration file (so the API may not change it). */
        public Builder configTarget(String name, String dsn) {
            targets.add(new TargetDefinition(name, dsn, Map.of("env", "test"), null));
            return this;
        }

        /** The {@link #FLAG_CHECK} in a custom check directory. */
        public Builder flagCheck() {
            flagCheck = true;
            return this;
        }

        /** Another file in the custom check directory, e.g. a broken one. */
        Builder checkFile(String yaml) {
            extraChecks.add(yaml);
            flagCheck = true;
            return this;
        }

        /** A secret key file, so targets may hold inline passwords (encrypted). */
        public Builder keyFile() {
            try {
                Path key = dir.resolve("secret.key");
                Files.write(key, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                        21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
                keyFile = Optional.of(key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Builder token(ApiToken token) {
            tokens.add(token);
            return this;
        }

        public ApiServer start() {
            List<Path> checkDirs = new ArrayList<>();
            if (flagCheck) {
                try {
                    Path checks = Files.createDirectories(dir.resolve("checks"));
                    Files.writeString(checks.resolve("test_flags.yaml"), FLAG_CHECK);
                    for (int i = 0; i < extraChecks.size(); i++) {
                        Files.writeString(checks.resolve("extra_" + i + ".yaml"), extraChecks.get(i));
                    }
                    checkDirs.add(checks);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Path data = dir.resolve("data");
            ServiceConfig config = new ServiceConfig(ListenAddress.DEFAULT, data,
                    new StoreLocation.H2File(data.resolve("dbwarden")), "/", ServiceConfig.DEFAULT_RETENTION,
                    ServiceConfig.DEFAULT_MAX_CONCURRENT_TARGETS, IntervalLengths.DEFAULT,
                    new ChecksConfig(checkDirs, Set.of(), Map.of()), targets, List.of(), List.of(), keyFile);
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            DbwardenService service = DbwardenService.builder(config).metrics(metrics).scheduling(false).start();
            try {
                WebServer web = WebServer.start(WebSettings.builder().listen("127.0.0.1", 0).tokens(tokens)
                        .metrics(metrics).readiness(service::ready).build(), routes -> ApiV1.mount(routes, service));
                return new ApiServer(service, web);
            } catch (RuntimeException e) {
                service.close();
                throw e;
            }
        }
    }
}
