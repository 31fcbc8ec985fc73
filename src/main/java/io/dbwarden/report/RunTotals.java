package io.dbwarden.report;

import io.dbwarden.run.RunReport;
import io.dbwarden.run.TargetReport;
import io.dbwarden.run.TargetStats;

/** Collection cost summed over all targets of a run (targets may run in parallel, so the times add up to more than the run took). */
final class RunTotals {

    private RunTotals() {}

    static TargetStats of(RunReport report) {
        int statements = 0;
        int distinctQueries = 0;
        int connections = 0;
        long connect = 0;
        long collect = 0;
        long sampleWait = 0;
        long evaluate = 0;
        long total = 0;
        for (TargetReport t : report.targets()) {
            TargetStats s = t.stats();
            statements += s.statements();
            distinctQueries += s.distinctQueries();
            connections += s.connections();
            connect += s.connectMillis();
            collect += s.collectMillis();
            sampleWait += s.sampleWaitMillis();
            evaluate += s.evaluateMillis();
            total += s.totalMillis();
        }
        return new TargetStats(statements, distinctQueries, connections, connect, collect, sampleWait, evaluate, total);
    }
}
