package io.dbwarden.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats byte sizes. Every unit is 1024-based, the way MySQL and PostgreSQL read
 * {@code 8kB}, {@code 512M} or {@code 64GB} in their settings, so {@code GB} means the same as {@code GiB}.
 */
public final class ByteSize {

    private static final Pattern SYNTAX =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)", Pattern.CASE_INSENSITIVE);
    private static final String ACCEPTED = "a non-negative number with an optional 1024-based unit "
            + "B, K/KB/KiB, M/MB/MiB, G/GB/GiB or T/TB/TiB, e.g. 1024, 8kB, 512MiB or 1.5 GiB";
    private static final String[] FORMAT_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    private ByteSize() {
    }

    /**
     * Returns the number of bytes {@code text} denotes. Fractions of a unit are rounded to the
     * nearest byte ({@code 0.1KiB} is 102 bytes); a bare byte count must be whole.
     *
     * @throws IllegalArgumentException naming the input and the accepted forms when it is not a byte size
     */
    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Byte size is missing; expected " + ACCEPTED + ".");
        }
        Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            throw invalid(text, null);
        }
        String unit = m.group(2);
        int shift = switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "b" -> 0;
            case "k", "kb", "kib" -> 10;
            case "m", "mb", "mib" -> 20;
            case "g", "gb", "gib" -> 30;
            case "t", "tb", "tib" -> 40;
            default -> throw invalid(text, "unknown unit \"" + unit + "\"");
        };
        BigDecimal number = new BigDecimal(m.group(1));
        if (shift == 0 && number.stripTrailingZeros().scale() > 0) {
            throw invalid(text, "a count of bytes must be a whole number");
        }
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(1L << shift)).setScale(0, RoundingMode.HALF_UP);
        if (bytes.compareTo(MAX_LONG) > 0) {
            throw invalid(text, "it is larger than " + Long.MAX_VALUE + " bytes");
        }
        return bytes.longValueExact();
    }

    /**
     * Formats {@code bytes} with the largest binary unit that keeps the number at least 1, with at most
     * one decimal: {@code 512 B}, {@code 128 MiB}, {@code 1.5 GiB}. A negative difference keeps its sign.
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            return bytes == Long.MIN_VALUE ? "-8 EiB" : "-" + format(-bytes);
        }
        int unit = 0;
        while (unit < FORMAT_UNITS.length - 1 && bytes >= 1L << (10 * (unit + 1))) {
            unit++;
        }
        if (unit == 0) {
            return bytes + " B";
        }
        BigDecimal value = scaled(bytes, unit);
        // 1023.96 KiB rounds to 1024.0 KiB, which reads better as 1 MiB.
        if (value.compareTo(BigDecimal.valueOf(1024)) >= 0 && unit < FORMAT_UNITS.length - 1) {
            unit++;
            value = scaled(bytes, unit);
        }
        return value.stripTrailingZeros().toPlainString() + " " + FORMAT_UNITS[unit];
    }

    private static BigDecimal scaled(long bytes, int unit) {
        // Dividing by a power of two always terminates, so this division is exact before rounding.
        return BigDecimal.valueOf(bytes)
                .divide(BigDecimal.valueOf(1L << (10 * unit)))
                .setScale(1, RoundingMode.HALF_UP);
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("Invalid byte size \"" + text + "\""
                + (problem == null ? "" : ": " + problem) + "; expected " + ACCEPTED + ".");
    }
}
