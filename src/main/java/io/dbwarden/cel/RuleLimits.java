package io.dbwarden.cel;

import io.dbwarden.units.ByteSize;
import io.dbwarden.units.Durations;
import java.time.Duration;

/**
 * What one rule may cost. A check file is code from a stranger: CEL itself has no wall clock and no
 * memory cap, so a rule over any of these limits is stopped and its check ends {@code error} with the
 * limit named, instead of stalling or taking the process down.
 */
public final class RuleLimits {

    /** Characters of a rule's text; the longest built-in rule has about 5,000. */
    public static final int MAX_EXPRESSION_CHARS = 16_384;

    /** Nodes of a parsed rule; keeps a pathological rule from exhausting the parser and the checker. */
    public static final int MAX_EXPRESSION_NODES = 10_000;

    /** Comprehension steps (map, filter, exists, all) of one evaluation, counted by CEL itself. */
    public static final int MAX_COMPREHENSION_ITERATIONS = 1_000_000;

    /**
     * Wall-clock time of one evaluation. postgresql_weak_password over 50 SCRAM roles, the most expensive
     * built-in rule, takes 1-1.2 s on an idle 2-core machine, and CEL ran 5 times slower on the same machine
     * shared with four builds (load average 11): 10 s keeps a legitimate rule on a busy machine running and
     * still stops a runaway one. Read between expression nodes (every node is bounded: Java-side functions
     * have their own budgets, see {@code WeakPasswordDetector.MAX_CHECK_TIME}).
     */
    public static final Duration MAX_EVALUATION_TIME = Duration.ofSeconds(10);

    /**
     * Strings, lists and maps one evaluation may build, estimated as 2 bytes per character, 8 per list element
     * and 32 per map entry (what a JVM spends at least). Rows come in bounded by the collector; this bounds what
     * a rule makes of them: {@code w.map(a, w.map(b, a.s + b.s))} over 200 rows of 200 KB would build 16 GB.
     * Built-in rules build a few kilobytes of finding fields.
     */
    public static final long MAX_BUILT_BYTES = 16L * 1024 * 1024;

    private RuleLimits() {}

    static String timeExceeded() {
        return "the rule ran longer than its time limit of " + Durations.format(MAX_EVALUATION_TIME)
                + " and was stopped";
    }

    static String sizeExceeded() {
        return "the rule built more than its size limit of " + ByteSize.format(MAX_BUILT_BYTES)
                + " of strings, lists and maps and was stopped";
    }

    static String iterationsExceeded() {
        return "the rule ran more than its limit of " + String.format(java.util.Locale.ROOT, "%,d",
                MAX_COMPREHENSION_ITERATIONS) + " comprehension steps and was stopped";
    }
}
