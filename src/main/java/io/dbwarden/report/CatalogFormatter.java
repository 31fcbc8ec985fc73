package io.dbwarden.report;

import io.dbwarden.check.Check;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/** Output of {@code dbwarden checks list} and {@code dbwarden checks show}. */
public final class CatalogFormatter {

    /** Lists {@code checks} sorted by engine and name; {@code format} is TEXT, JSON or MARKDOWN. */
    public void list(List<Check> checks, OutputFormat format, PrintStream out) {
        switch (Objects.requireNonNull(format, "format")) {
            case TEXT -> CatalogText.write(checks, out);
            case JSON -> CatalogJson.write(checks, out);
            case MARKDOWN -> CatalogMarkdown.write(checks, out);
            default -> throw new IllegalArgumentException("the check catalog cannot be listed as " + format.id()
                    + " (expected text, json or markdown)");
        }
    }

    public void show(Check check, PrintStream out) {
        CheckDetails.write(check, out);
    }
}
