package io.dbwarden.report;

import io.dbwarden.check.Check;
import java.util.Comparator;
import java.util.List;

/** Catalog output is sorted by engine, then name, so it does not depend on the order files were loaded in. */
final class CatalogOrder {

    private static final Comparator<Check> ORDER = Comparator.comparing((Check c) -> c.engine().ordinal())
            .thenComparing(Check::name);

    private CatalogOrder() {}

    static List<Check> sorted(List<Check> checks) {
        return checks.stream().sorted(ORDER).toList();
    }
}
