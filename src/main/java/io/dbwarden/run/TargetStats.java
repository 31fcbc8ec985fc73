package io.dbwarden.run;

/** Cost of checking one target: statements sent, distinct check queries, connections and time per phase. */
public record TargetStats(int statements, int distinctQueries, int connections,
                          long connectMillis, long collectMillis, long sampleWaitMillis, long evaluateMillis,
                          long totalMillis) {
    public static final TargetStats NONE = new TargetStats(0, 0, 0, 0, 0, 0, 0, 0);
}
