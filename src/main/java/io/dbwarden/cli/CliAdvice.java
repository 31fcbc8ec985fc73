package io.dbwarden.cli;

import io.dbwarden.fact.Unavailable;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import java.util.Optional;

/**
 * The command line's words for what the engine reports as data: a check skipped because a setting is missing gets
 * the flag that provides it, e.g. "rates need a sampling window; run with --sample DURATION, e.g. --sample 60s".
 * The service says the same in terms of its configuration file; the engine says neither.
 */
final class CliAdvice {

    private CliAdvice() {}

    static RunReport addFlags(RunReport report) {
        return report.mapItems(CliAdvice::addFlags);
    }

    static RunItem addFlags(RunItem item) {
        return item.unavailable().flatMap(CliAdvice::advice)
                .map(advice -> item.withReason(item.reason().orElseThrow() + "; " + advice))
                .orElse(item);
    }

    /** What to pass on the command line to have the fact, if a flag can provide it. */
    static Optional<String> advice(Unavailable why) {
        if (!(why instanceof Unavailable.NotConfigured missing)) {
            return Optional.empty();
        }
        return Optional.of(switch (missing.setting()) {
            case SAMPLE -> "run with --sample DURATION, e.g. --sample 60s";
            case HOST -> "pass --host-memory or --node-exporter";
        });
    }
}
