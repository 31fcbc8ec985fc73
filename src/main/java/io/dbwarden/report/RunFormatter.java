package io.dbwarden.report;

import io.dbwarden.run.RunReport;
import java.io.PrintStream;

/** Writes a finished run in one output format. Implementations are stateless and never close {@code out}. */
public interface RunFormatter {
    void write(RunReport report, PrintStream out);
}
