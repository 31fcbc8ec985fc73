package io.dbwarden.report;

import io.dbwarden.check.Category;
import io.dbwarden.check.Check;
import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.RunTrigger;
import io.dbwarden.run.TargetReport;
import io.dbwarden.run.TargetStats;
import io.dbwarden.target.Engine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Small hand-built runs for the formatter tests. */
final class Reports {

    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    static final String PG = "prod-pg";
    static final String MY = "prod-my";
    static final UUID RUN_ID = UUID.fromString("0b8f4e7a-3c51-4d0e-9a5e-2f6c1d7b8a90");

    private Reports() {}

    /**
     * Two targets: prod-pg with one critical, two warning and one info finding, a failed check and
     * three skipped ones; prod-my that could not be checked at all.
     */
    static RunReport sample() {
        RunItem superuser = findings(PG, "superuser_login",
                finding(PG, "superuser_login", Severity.CRITICAL, Map.of("user", "bob"),
                        "Role bob is a superuser that can log in", "ALTER ROLE bob NOSUPERUSER;"));
        RunItem passwords = findings(PG, "weak_password",
                finding(PG, "weak_password", Severity.WARNING, fields("user", "app", "host", "%"),
                        "Role app uses md5", "ALTER SYSTEM SET password_encryption = 'scram-sha-256';\nALTER ROLE app PASSWORD '...';"),
                finding(PG, "weak_password", Severity.WARNING, fields("user", "report", "host", "%"),
                        "Role report uses md5", "ALTER ROLE report PASSWORD '...';"));
        RunItem version = findings(PG, "version_info",
                finding(PG, "version_info", Severity.INFO, Map.of(), "Server runs 16.4", "Nothing to do."));
        List<RunItem> pgItems = List.of(
                superuser,
                new RunItem(PG, "ssl_enabled", ItemStatus.OK, List.of(), Optional.empty(), 3),
                passwords,
                new RunItem(PG, "statement_stats", ItemStatus.ERROR, List.of(),
                        Optional.of("permission denied for view pg_stat_statements"), 0),
                new RunItem(PG, "mariadb_plugins", ItemStatus.SKIPPED, List.of(),
                        Optional.of("applies to mariadb only"), 0),
                new RunItem(PG, "mariadb_roles", ItemStatus.SKIPPED, List.of(),
                        Optional.of("applies to mariadb only"), 0),
                new RunItem(PG, "pg17_feature", ItemStatus.SKIPPED, List.of(),
                        Optional.of("requires version >=17; this server is 16.4"), 0),
                version);
        TargetReport pg = new TargetReport(PG, "postgresql", "postgresql://app@db1:5432/app", Optional.of("16.4"),
                Optional.empty(), pgItems, new TargetStats(5, 4, 1, 20, 150, 0, 12, 190));
        TargetReport my = new TargetReport(MY, "mysql", "mysql://monitor@db2:3306", Optional.empty(),
                Optional.of("connection refused"), List.of(), new TargetStats(0, 0, 1, 30, 0, 0, 0, 31));
        return new RunReport(RUN_ID, RunTrigger.MANUAL, START, START.plusMillis(412), sampleChecks(), List.of(pg, my));
    }

    /** The definitions of the sample's checks, in the order the run had them. */
    static List<Check> sampleChecks() {
        return List.of(
                Checks.simple("superuser_login", "postgresql", Severity.CRITICAL,
                        "Role {{user}} is a superuser that can log in", "ALTER ROLE {{user}} NOSUPERUSER;"),
                Checks.simple("ssl_enabled", "postgresql", Severity.ERROR, "ssl is off", "ALTER SYSTEM SET ssl = on;"),
                Checks.simple("weak_password", "postgresql", Severity.WARNING, "Role {{user}} uses md5",
                        "ALTER ROLE {{user}} PASSWORD '...';"),
                Checks.simple("statement_stats", "postgresql", Severity.INFO, "no statement statistics",
                        "CREATE EXTENSION pg_stat_statements;"),
                Checks.simple("mariadb_plugins", "mysql", Severity.NOTICE, "plugin {{plugin}}", "UNINSTALL PLUGIN {{plugin}};"),
                Checks.simple("mariadb_roles", "mysql", Severity.NOTICE, "role {{role}}", "DROP ROLE {{role}};"),
                Checks.simple("pg17_feature", "postgresql", Severity.INFO, "a PostgreSQL 17 matter", "Upgrade."),
                Checks.simple("version_info", "postgresql", Severity.INFO, "Server runs {{version}}", "Nothing to do."));
    }

    /** One target with one check that found one thing, described by the given texts. */
    static RunReport single(Severity severity, Map<String, ?> fields, String summary, String remediation) {
        RunItem item = findings("db", "demo_check", finding("db", "demo_check", severity, fields, summary, remediation));
        TargetReport target = new TargetReport("db", "postgresql", "postgresql://db", Optional.of("16"),
                Optional.empty(), List.of(item), TargetStats.NONE);
        return new RunReport(RUN_ID, RunTrigger.MANUAL, START, START.plusMillis(5), List.of(demoCheck()), List.of(target));
    }

    /** One target whose only check erred with the given reason. */
    static RunReport erring(String reason) {
        TargetReport target = new TargetReport("db", "postgresql", "postgresql://db", Optional.of("16"),
                Optional.empty(), List.of(new RunItem("db", "demo_check", ItemStatus.ERROR, List.of(), Optional.of(reason), 1)),
                TargetStats.NONE);
        return new RunReport(RUN_ID, RunTrigger.MANUAL, START, START.plusMillis(5), List.of(demoCheck()), List.of(target));
    }

    private static Check demoCheck() {
        return Checks.simple("demo_check", "postgresql", Severity.WARNING, "demo", "fix it");
    }

    /** A PostgreSQL finding on a target labelled env=prod, identified by all its fields. */
    static Finding finding(String target, String check, Severity severity, Map<String, ?> fields,
                           String summary, String remediation) {
        return new Finding(check, Category.SECURITY, Engine.POSTGRESQL, target, Map.of("env", "prod"), severity, fields,
                List.copyOf(fields.keySet()), summary, "What " + check + " looks for. More detail.", remediation,
                Optional.of("https://example.org/" + check));
    }

    static RunItem findings(String target, String check, Finding... findings) {
        return new RunItem(target, check, ItemStatus.FINDINGS, List.of(findings), Optional.empty(), 7);
    }

    static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static String render(RunFormatter formatter, RunReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        formatter.write(report, out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static byte[] renderBytes(RunFormatter formatter, RunReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        formatter.write(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }
}
