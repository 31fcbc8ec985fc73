package io.dbwarden.report;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.RunItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Findings grouped by severity, most severe first; within a severity by check, keeping the rule's own order. */
final class FindingGroups {

    private FindingGroups() {}

    static Map<Severity, List<Finding>> bySeverity(List<RunItem> items) {
        Map<Severity, List<Finding>> groups = new EnumMap<>(Severity.class);
        for (Finding f : sorted(items)) {
            groups.computeIfAbsent(f.severity(), s -> new ArrayList<>()).add(f);
        }
        return groups;
    }

    static List<Finding> sorted(List<RunItem> items) {
        List<Finding> all = new ArrayList<>();
        items.forEach(i -> all.addAll(i.findings()));
        all.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::check));
        return all;
    }

    /** The most severe of the findings; callers pass a non-empty list. */
    static Severity highest(List<Finding> findings) {
        return findings.stream().map(Finding::severity).min(Comparator.naturalOrder()).orElseThrow();
    }
}
