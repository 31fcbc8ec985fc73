package io.dbwarden.run;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What happened on one target: its version, its items, what collection cost, and when the
 * target could not be checked at all, why.
 */
public record TargetReport(String target, String engine, String endpoint, Optional<String> version,
                           Optional<String> failure, List<RunItem> items, TargetStats stats) {
    public TargetReport {
        items = List.copyOf(items);
    }

    public boolean failed() {
        return failure.isPresent();
    }

    /** The same report with every item replaced by what {@code change} makes of it. */
    public TargetReport mapItems(UnaryOperator<RunItem> change) {
        return new TargetReport(target, engine, endpoint, version, failure, items.stream().map(change).toList(), stats);
    }
}
