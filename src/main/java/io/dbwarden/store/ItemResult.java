package io.dbwarden.store;

import io.dbwarden.app.Names;
import io.dbwarden.run.ItemStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one (target, check) pair, to record with its findings. Only a successful evaluation ({@code ok}:
 * none found, {@code findings}: some) says anything about which findings are gone; an error or a skip records the
 * item and changes no finding.
 */
public record ItemResult(String target, String check, ItemStatus status, Optional<String> reason, long millis,
        List<ObservedFinding> findings) {

    /** Reasons are sentences for people; longer ones are cut to the column's size. */
    static final int MAX_REASON_LENGTH = 4000;

    public ItemResult {
        Names.requireTarget(target);
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        reason = reason.map(r -> r.length() > MAX_REASON_LENGTH ? r.substring(0, MAX_REASON_LENGTH - 1) + "…" : r);
        findings = List.copyOf(findings);
        if (millis < 0) {
            throw new IllegalArgumentException("millis must not be negative");
        }
        switch (status) {
            case OK -> require(findings.isEmpty(), "an 'ok' item has no findings");
            case FINDINGS -> require(!findings.isEmpty(), "a 'findings' item needs its findings");
            case ERROR, SKIPPED -> {
                require(findings.isEmpty(), "an '" + status.id() + "' item has no findings");
                require(reason.isPresent(), "an '" + status.id() + "' item needs its reason");
            }
        }
        for (ObservedFinding f : findings) {
            require(f.check().equals(check) && f.target().equals(target),
                    "finding " + f.fingerprint() + " belongs to " + f.check() + " on " + f.target()
                            + ", not to this item's " + check + " on " + target);
        }
    }

    public static ItemResult ok(String target, String check, long millis) {
        return new ItemResult(target, check, ItemStatus.OK, Optional.empty(), millis, List.of());
    }

    public static ItemResult findings(String target, String check, long millis, List<ObservedFinding> findings) {
        return new ItemResult(target, check, ItemStatus.FINDINGS, Optional.empty(), millis, findings);
    }

    public static ItemResult failed(String target, String check, ItemStatus status, String reason, long millis) {
        return new ItemResult(target, check, status, Optional.of(reason), millis, List.of());
    }

    boolean evaluated() {
        return status == ItemStatus.OK || status == ItemStatus.FINDINGS;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
