package io.dbwarden.run;

import io.dbwarden.evaluate.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The result of one check on one target; {@code reason} says why it erred or was skipped. */
public record RunItem(String target, String check, ItemStatus status, List<Finding> findings,
                      Optional<String> reason, long millis) {

    public RunItem {
        Objects.requireNonNull(status, "status");
        findings = List.copyOf(findings);
        if ((status == ItemStatus.ERROR || status == ItemStatus.SKIPPED) && reason.isEmpty()) {
            throw new IllegalArgumentException(status.id() + " needs a reason");
        }
        if ((status == ItemStatus.FINDINGS) == findings.isEmpty()) {
            throw new IllegalArgumentException("status findings if and only if there are findings");
        }
    }

    static RunItem ofFindings(String target, String check, List<Finding> findings, long millis) {
        return new RunItem(target, check, findings.isEmpty() ? ItemStatus.OK : ItemStatus.FINDINGS, findings,
                Optional.empty(), millis);
    }

    static RunItem error(String target, String check, String reason) {
        return new RunItem(target, check, ItemStatus.ERROR, List.of(), Optional.of(reason), 0);
    }

    static RunItem skipped(String target, String check, String reason) {
        return new RunItem(target, check, ItemStatus.SKIPPED, List.of(), Optional.of(reason), 0);
    }
}
