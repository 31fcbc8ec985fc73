package io.dbwarden.report;

import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Skipped checks reduced to a count and their distinct reasons: listing every skipped check
 * (e.g. all MariaDB-only checks on a MySQL server) is noise.
 */
record SkippedItems(int count, List<Reason> reasons) {

    record Reason(String text, int count) {}

    static SkippedItems of(List<RunItem> items) {
        Map<String, Integer> byReason = new LinkedHashMap<>();
        int count = 0;
        for (RunItem item : items) {
            if (item.status() == ItemStatus.SKIPPED) {
                count++;
                byReason.merge(item.reason().orElse("no reason given"), 1, Integer::sum);
            }
        }
        List<Reason> reasons = byReason.entrySet().stream()
                .map(e -> new Reason(e.getKey(), e.getValue()))
                .sorted((a, b) -> Integer.compare(b.count(), a.count()))
                .toList();
        return new SkippedItems(count, reasons);
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** {@code requires version >=13 (3); applies to mariadb only (1)} */
    String reasonsText() {
        return reasons.stream().map(r -> r.text() + " (" + r.count() + ")").collect(Collectors.joining("; "));
    }
}
