package io.dbwarden.checks;

import io.dbwarden.check.Check;
import io.dbwarden.host.HostFactsResolver;
import io.dbwarden.host.HostSpec;
import io.dbwarden.run.RunExecutor;
import io.dbwarden.run.RunOptions;
import io.dbwarden.run.RunReport;
import io.dbwarden.target.ConnectOptions;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one built-in check against a real server with some of its params overridden, as a per-check params
 * override in dbwarden.yaml does ({@link Check#withParams}). For thresholds whose default needs more data than a
 * test can write quickly (a 1 GiB table, five minutes of replication lag): the server and its facts are real,
 * only the threshold is lowered.
 */
final class MysqlSchemaCheckRun {

    private MysqlSchemaCheckRun() {
    }

    static RunReport withParams(String dsn, String checkName, Map<String, Object> params, Duration sample) {
        Check check = CheckRun.catalog().find(checkName)
                .orElseThrow(() -> new AssertionError("no built-in check " + checkName))
                .withParams(params);
        Target target;
        try {
            target = new Target("test-target", Dsn.parse(dsn), Map.of());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        RunOptions options = new RunOptions("test", new ConnectOptions(ConnectOptions.DEFAULT_CONNECT_TIMEOUT,
                ConnectOptions.DEFAULT_STATEMENT_TIMEOUT), sample, HostSpec.none());
        HostFactsResolver hosts = new HostFactsResolver(HttpClient.newHttpClient(), Duration.ofSeconds(2), Path.of("/proc"));
        return new RunExecutor(Clock.systemUTC(), hosts).run(List.of(check), List.of(target), options);
    }
}
