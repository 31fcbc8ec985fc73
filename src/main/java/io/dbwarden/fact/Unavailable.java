package io.dbwarden.fact;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a fact a check needs could not be had. The kind decides what becomes of the check: a fact this target does
 * not offer, a privilege the monitoring account lacks or a setting nobody made means the check is skipped; a
 * failure means it erred. The detail is a sentence about the target; advice on how to configure dbwarden (a
 * command-line flag, a configuration key) is the edge's to add, since only the edge knows how it is configured.
 */
public sealed interface Unavailable {

    /** The sentence that says what is missing, e.g. "rates need a sampling window". */
    String detail();

    /** Whether a check that needs this fact is skipped (true) or erred (false). */
    default boolean skipsCheck() {
        return !(this instanceof Failed);
    }

    /** The monitoring account may not read it; the detail quotes the server's refusal. */
    record PrivilegeMissing(String detail) implements Unavailable {
        public PrivilegeMissing {
            requireSentence(detail);
        }
    }

    /** Whoever runs dbwarden has not given what the fact needs, such as a sampling window or the host's RAM. */
    record NotConfigured(Setting setting, String detail) implements Unavailable {
        public NotConfigured {
            Objects.requireNonNull(setting, "setting");
            requireSentence(detail);
        }
    }

    /** The fact does not exist for this target, e.g. TLS on a unix socket, release data for an unknown product. */
    record NotApplicable(String detail) implements Unavailable {
        public NotApplicable {
            requireSentence(detail);
        }
    }

    /** Reading the fact was tried and failed: a refused connection, an error from the server, a broken scrape. */
    record Failed(String detail) implements Unavailable {
        public Failed {
            requireSentence(detail);
        }
    }

    /** What a {@link NotConfigured} fact waits for. */
    enum Setting {
        /** A sampling window, so counters can be read twice and turned into rates. */
        SAMPLE,
        /** The database host's memory (and CPUs), declared or from a node_exporter. */
        HOST;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static void requireSentence(String detail) {
        if (detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("an unavailable fact needs a sentence saying why");
        }
    }
}
