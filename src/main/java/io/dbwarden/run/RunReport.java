package io.dbwarden.run;

import io.dbwarden.check.Check;
import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One run: its id, which trigger started it, when, the checks it ran (their definitions, so a report can describe
 * every check from the catalog) and what every target and check produced.
 */
public record RunReport(UUID id, RunTrigger trigger, Instant startedAt, Instant finishedAt, List<Check> checks,
                        List<TargetReport> targets) {

    public RunReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(trigger, "trigger");
        checks = List.copyOf(checks);
        targets = List.copyOf(targets);
        Set<String> ran = checks.stream().map(Check::name).collect(Collectors.toSet());
        for (TargetReport target : targets) {
            for (RunItem item : target.items()) {
                if (!ran.contains(item.check())) {
                    throw new IllegalArgumentException("item for check " + item.check() + " on " + item.target()
                            + ", a check this run did not include");
                }
            }
        }
    }

    /** The same run with every item replaced by what {@code change} makes of it, e.g. reasons reworded. */
    public RunReport mapItems(UnaryOperator<RunItem> change) {
        return new RunReport(id, trigger, startedAt, finishedAt, checks, targets.stream().map(t -> t.mapItems(change)).toList());
    }

    public List<RunItem> items() {
        return targets.stream().flatMap(t -> t.items().stream()).toList();
    }

    public List<Finding> findings() {
        return items().stream().flatMap(i -> i.findings().stream()).toList();
    }

    public Map<Severity, Integer> findingsBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        findings().forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return counts;
    }

    public long count(ItemStatus status) {
        return items().stream().filter(i -> i.status() == status).count();
    }

    public boolean anyTargetFailed() {
        return targets.stream().anyMatch(TargetReport::failed);
    }

    public long millis() {
        return finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
