package io.dbwarden.run;

import java.time.Duration;
import java.util.Objects;

/**
 * What one run is: what started it and how long it samples counters for rates. How targets are reached and where
 * outside facts come from is the engine's set-up ({@link EngineSetup}); what is known of a host is the target's.
 */
public record RunOptions(RunTrigger trigger, Duration sample) {
    public RunOptions {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(sample, "sample");
        if (sample.isNegative()) {
            throw new IllegalArgumentException("the sampling window cannot be negative");
        }
    }

    /** A run without a sampling window: rate-based checks are skipped. */
    public static RunOptions of(RunTrigger trigger) {
        return new RunOptions(trigger, Duration.ZERO);
    }
}
