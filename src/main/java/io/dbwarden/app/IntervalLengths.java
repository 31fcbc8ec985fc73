package io.dbwarden.app;

import io.dbwarden.check.Interval;
import java.time.Duration;
import java.util.Objects;

/** How long the named check intervals are; a check with an explicit duration keeps its own. */
public record IntervalLengths(Duration rare, Duration standard, Duration frequent) {

    /** Shorter intervals would make a check run as a load test of the target, not an audit of it. */
    static final Duration MIN = Duration.ofMinutes(1);
    /** Percona's Security Threat Tool rhythm: rare checks every 78 h, standard daily, frequent every 4 h. */
    public static final IntervalLengths DEFAULT =
            new IntervalLengths(Duration.ofHours(78), Duration.ofHours(24), Duration.ofHours(4));

    public IntervalLengths {
        requireAtLeastMin("rare", rare);
        requireAtLeastMin("standard", standard);
        requireAtLeastMin("frequent", frequent);
    }

    public Duration lengthOf(Interval interval) {
        return interval.explicit().orElseGet(() -> switch (interval.named().orElseThrow()) {
            case RARE -> rare;
            case STANDARD -> standard;
            case FREQUENT -> frequent;
        });
    }

    static void requireAtLeastMin(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.compareTo(MIN) < 0) {
            throw new IllegalArgumentException("the " + what + " interval must be at least " + MIN.toMinutes() + " minute");
        }
    }
}
