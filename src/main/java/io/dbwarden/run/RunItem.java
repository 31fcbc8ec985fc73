package io.dbwarden.run;

import io.dbwarden.evaluate.Finding;
import io.dbwarden.fact.Unavailable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one check on one target; {@code reason} says why it erred or was skipped, and when that was a fact
 * or query it could not have, {@code unavailable} says so as data (privilege missing, not configured…), so an edge
 * can add its own advice and a store can tell the kinds apart without reading the sentence.
 */
public record RunItem(String target, String check, ItemStatus status, List<Finding> findings,
                      Optional<String> reason, long millis, Optional<Unavailable> unavailable) {

    public RunItem {
        Objects.requireNonNull(status, "status");
        findings = List.copyOf(findings);
        Objects.requireNonNull(unavailable, "unavailable");
        if ((status == ItemStatus.ERROR || status == ItemStatus.SKIPPED) && reason.isEmpty()) {
            throw new IllegalArgumentException(status.id() + " needs a reason");
        }
        if ((status == ItemStatus.FINDINGS) == findings.isEmpty()) {
            throw new IllegalArgumentException("status findings if and only if there are findings");
        }
        if (unavailable.isPresent()
                && status != (unavailable.get().skipsCheck() ? ItemStatus.SKIPPED : ItemStatus.ERROR)) {
            throw new IllegalArgumentException(status.id() + " does not follow from " + unavailable.get());
        }
    }

    /** An item whose reason, if any, is only a sentence. */
    public RunItem(String target, String check, ItemStatus status, List<Finding> findings, Optional<String> reason,
                   long millis) {
        this(target, check, status, findings, reason, millis, Optional.empty());
    }

    /** The same item with its reason worded otherwise, e.g. with advice an edge adds. */
    public RunItem withReason(String sentence) {
        return new RunItem(target, check, status, findings, Optional.of(sentence), millis, unavailable);
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

    /** Skipped or erred, as the kind of {@code why} decides, with {@code prefix} (may be empty) before its sentence. */
    static RunItem unavailable(String target, String check, String prefix, Unavailable why) {
        return new RunItem(target, check, why.skipsCheck() ? ItemStatus.SKIPPED : ItemStatus.ERROR, List.of(),
                Optional.of(prefix + why.detail()), 0, Optional.of(why));
    }
}
