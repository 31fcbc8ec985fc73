package io.dbwarden.run;

import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.check.Check;
import io.dbwarden.check.CheckLoader;

/** Small checks written for the executor's tests, loaded as a check file would be. */
final class TestChecks {

    private static final CheckLoader LOADER = new CheckLoader(new RuleCompiler());

    private TestChecks() {}

    /** A notice-level check; {@code extra} is more YAML (requires, params, queries…) and may be empty. */
    static Check check(String name, String engine, String extra, String rule) throws Exception {
        return load(name, """
                name: %s
                engine: %s
                category: configuration
                severity: notice
                summary: s
                description: d
                remediation: r
                %s
                rule: "%s"
                """.formatted(name, engine, extra, rule));
    }

    /** A PostgreSQL check of one query, {@code rows}, that fires when it returns a row. */
    static Check queryCheck(String name, String sql) throws Exception {
        return check(name, "postgresql", "queries: { rows: { sql: '" + sql + "' } }", "size(rows) > 0");
    }

    static Check load(String name, String yaml) throws Exception {
        return LOADER.load(name + ".yaml", yaml);
    }
}
