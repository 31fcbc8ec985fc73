package io.dbwarden.report;

import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.check.Check;
import io.dbwarden.check.CheckFileException;
import io.dbwarden.check.CheckLoader;
import io.dbwarden.check.Severity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Checks for the catalog tests, loaded from YAML the way the real catalog is. */
final class Checks {

    private Checks() {}

    static Check demo() {
        return load("demo.yaml", """
                name: demo_check
                engine: postgresql
                category: security
                severity: warning
                summary: "demo {{user}}"
                description: "Demo description for {{user}}. Second sentence."
                remediation: "ALTER ROLE {{user}} ...;"
                queries:
                  roles: SELECT rolname AS user FROM pg_roles
                rule: "roles.map(r, {'user': r.user})"
                """);
    }

    static Check mysqlGrants() {
        return load("checks/mysql/global_grants.yaml", """
                name: global_grants
                engine: mysql
                category: security
                severity: critical
                interval: rare
                requires:
                  version: ">=8.0"
                  flavor: mysql
                summary: "{{user}}@{{host}} has global grants"
                description: |
                  Accounts with grants ON *.* | everywhere
                  can touch every schema. Revoke them.
                remediation: |
                  REVOKE ALL ON *.* FROM '{{user}}'@'{{host}}';
                  GRANT SELECT ON app.* TO '{{user}}'@'{{host}}';
                read_more: https://dev.mysql.com/doc/refman/8.0/en/privileges-provided.html
                params:
                  allowed: [root, mysql.sys]
                  limit: 3
                queries:
                  grants:
                    sql: |
                      SELECT user, host
                      FROM mysql.user
                      WHERE Super_priv = 'Y'
                rule: "grants.map(g, {'user': g.user, 'host': g.host})"
                """);
    }

    static Check pgAllDatabases() {
        return load("checks/postgresql/public_schema.yaml", """
                name: public_schema_create
                engine: postgresql
                category: configuration
                severity: notice
                interval: 6h
                summary: "anyone can create in {{database}}"
                description: "PUBLIC may create objects in the public schema of {{database}}."
                remediation: "REVOKE CREATE ON SCHEMA public FROM PUBLIC;"
                queries:
                  schemas:
                    sql: SELECT current_database() AS database, has_schema_privilege('public', 'public', 'CREATE') AS open
                    all_databases: true
                rule: "schemas.filter(s, s.open).map(s, {'database': s.database})"
                """);
    }

    /** A check that passes its rows through as findings, so its templates may name any field. */
    static Check simple(String name, String engine, Severity severity, String summary, String remediation) {
        return load(name + ".yaml", """
                name: %s
                engine: %s
                category: security
                severity: %s
                summary: "%s"
                description: "What %s looks for. More detail."
                remediation: "%s"
                read_more: https://example.org/%s
                queries:
                  rows: SELECT 1 AS one
                rule: "rows.map(r, r)"
                """.formatted(name, engine, severity.id(), summary, name, remediation, name));
    }

    static Check load(String file, String yaml) {
        try {
            return new CheckLoader(new RuleCompiler()).load(file, yaml);
        } catch (CheckFileException e) {
            throw new AssertionError("test check does not load: " + e.getMessage(), e);
        }
    }

    static String capture(Consumer<PrintStream> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
