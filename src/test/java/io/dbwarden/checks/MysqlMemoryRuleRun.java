package io.dbwarden.checks;

import io.dbwarden.evaluate.Finding;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one built-in check's rule over a real server's global variables with some of them replaced, for
 * conditions this machine's MariaDB cannot produce (e.g. MySQL 8's innodb_dedicated_server). Only what a
 * missing server feature forces is made up; everything else is the server's own.
 */
final class MysqlMemoryRuleRun {

    private final RecordedRun run;

    private MysqlMemoryRuleRun(String checkName, MariaDbServer server) {
        run = RecordedRun.of(checkName);
        for (Map<String, Object> row : server.query("SHOW GLOBAL VARIABLES")) {
            run.variable(String.valueOf(row.get("Variable_name")), String.valueOf(row.get("Value")));
        }
        String version = String.valueOf(server.query("SELECT @@version AS v").get(0).get("v"));
        run.version(ServerVersion.parse(version, Flavor.MARIADB));
    }

    static MysqlMemoryRuleRun of(String checkName, MariaDbServer server) {
        return new MysqlMemoryRuleRun(checkName, server);
    }

    /** Replaces or adds a global variable, typed the way SHOW GLOBAL VARIABLES values reach rules. */
    MysqlMemoryRuleRun variable(String name, String value) {
        run.variable(name, value);
        return this;
    }

    /** Host facts as --host-memory declares them. */
    MysqlMemoryRuleRun declaredHostMemory(long bytes) {
        run.fact("host", Map.of("memory", bytes, "source", "declared"));
        return this;
    }

    List<Finding> findings() throws Exception {
        return run.findings();
    }
}
