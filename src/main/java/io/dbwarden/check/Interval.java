package io.dbwarden.check;

import io.dbwarden.units.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How often a check runs in the service: one of the named classes, whose lengths the
 * configuration decides, or an explicit duration.
 */
public record Interval(Optional<Named> named, Optional<Duration> explicit) {

    public enum Named { RARE, STANDARD, FREQUENT }

    public Interval {
        if (named.isPresent() == explicit.isPresent()) {
            throw new IllegalArgumentException("an interval is either named or a duration");
        }
        explicit.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("an interval must be positive");
            }
        });
    }

    public static final Interval STANDARD = new Interval(Optional.of(Named.STANDARD), Optional.empty());

    /** Parses {@code rare}, {@code standard}, {@code frequent} or a duration such as {@code 6h}. */
    public static Interval parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Named n : Named.values()) {
            if (n.name().toLowerCase(Locale.ROOT).equals(t)) {
                return new Interval(Optional.of(n), Optional.empty());
            }
        }
        try {
            return new Interval(Optional.empty(), Optional.of(Durations.parse(t)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("interval '" + text
                    + "' is neither rare, standard, frequent nor a duration such as 6h");
        }
    }

    public String id() {
        return named.map(n -> n.name().toLowerCase(Locale.ROOT))
                .orElseGet(() -> Durations.format(explicit.orElseThrow()));
    }
}
