package io.dbwarden.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats compact durations such as {@code 500ms}, {@code 10s}, {@code 1h30m} or {@code 1d}.
 * A plain number means seconds.
 */
public final class Durations {

    private static final Pattern PLAIN_SECONDS = Pattern.compile("\\d+(?:\\.\\d+)?");
    // "ms" and "min" (PostgreSQL's spelling of minutes) must come before "m", or 500ms would read as
    // 500 minutes followed by a stray "s".
    private static final Pattern COMPONENT =
            Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|us|ns|min|d|h|m|s)", Pattern.CASE_INSENSITIVE);
    private static final String ACCEPTED = "a non-negative number of seconds or amounts with units "
            + "d, h, m (or min), s, ms, us, ns from largest to smallest, e.g. 500ms, 10s, 5m, 1h30m or 1d";

    private enum Unit {
        D("d", 86_400_000_000_000L),
        H("h", 3_600_000_000_000L),
        M("m", 60_000_000_000L),
        S("s", 1_000_000_000L),
        MS("ms", 1_000_000L),
        US("us", 1_000L),
        NS("ns", 1L);

        final String symbol;
        final long nanos;

        Unit(String symbol, long nanos) {
            this.symbol = symbol;
            this.nanos = nanos;
        }
    }

    private Durations() {
    }

    /**
     * Returns the duration {@code text} denotes; fractions are allowed ({@code 1.5h}) and rounded to the
     * nearest nanosecond.
     *
     * @throws IllegalArgumentException naming the input and the accepted forms when it is not a duration
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Duration is missing; expected " + ACCEPTED + ".");
        }
        String s = text.strip();
        if (s.isEmpty()) {
            throw invalid(text, null);
        }
        if (PLAIN_SECONDS.matcher(s).matches()) {
            return toDuration(text, new BigDecimal(s).multiply(BigDecimal.valueOf(Unit.S.nanos)));
        }
        Matcher m = COMPONENT.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        Unit previous = null;
        int position = 0;
        while (position < s.length()) {
            m.region(position, s.length());
            if (!m.lookingAt()) {
                throw invalid(text, null);
            }
            String symbol = m.group(2).toLowerCase(Locale.ROOT);
            Unit unit = Unit.valueOf((symbol.equals("min") ? "m" : symbol).toUpperCase(Locale.ROOT));
            if (previous != null && unit.ordinal() <= previous.ordinal()) {
                throw invalid(text, "unit \"" + unit.symbol + "\" must come before \"" + previous.symbol
                        + "\" and appear only once");
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit.nanos)));
            previous = unit;
            position = m.end();
        }
        return toDuration(text, nanos);
    }

    /**
     * Formats {@code duration} as its non-zero components from days down to nanoseconds:
     * {@code 1h30m}, {@code 250ms}, {@code 1d2h}, {@code 0s} for zero.
     */
    public static String format(Duration duration) {
        if (duration == null) {
            throw new IllegalArgumentException("Cannot format a missing duration.");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Cannot format a negative duration: " + duration + ".");
        }
        if (duration.isZero()) {
            return "0s";
        }
        long seconds = duration.getSeconds();
        long nanos = duration.getNano();
        long[] amounts = {
            seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60, seconds % 60,
            nanos / 1_000_000, nanos % 1_000_000 / 1_000, nanos % 1_000
        };
        StringBuilder out = new StringBuilder();
        Unit[] units = Unit.values();
        for (int i = 0; i < units.length; i++) {
            if (amounts[i] != 0) {
                out.append(amounts[i]).append(units[i].symbol);
            }
        }
        return out.toString();
    }

    private static Duration toDuration(String text, BigDecimal nanos) {
        BigInteger[] secondsAndNanos = nanos.setScale(0, RoundingMode.HALF_UP).toBigInteger()
                .divideAndRemainder(BigInteger.valueOf(Unit.S.nanos));
        if (secondsAndNanos[0].bitLength() > 63) {
            throw invalid(text, "it is too long to represent");
        }
        return Duration.ofSeconds(secondsAndNanos[0].longValue(), secondsAndNanos[1].longValue());
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("Invalid duration \"" + text + "\""
                + (problem == null ? "" : ": " + problem) + "; expected " + ACCEPTED + ".");
    }
}
