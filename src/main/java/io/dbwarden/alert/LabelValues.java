package io.dbwarden.alert;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns a finding's typed field value into the label value Alertmanager gets: text as it is, integers in decimal,
 * doubles in the shortest form that reads back to the same double (integral ones without ".0", so 3 and 3.0 label
 * alike; JavaScript's notation: plain from 1e-7 up to 1e21, {@code 1.5e-8} and {@code 1e+21} beyond; {@code NaN},
 * {@code +Inf}, {@code -Inf} as Prometheus writes them), booleans as {@code true}/{@code false}, null as the empty
 * value (no label), lists and maps as compact JSON.
 */
public final class LabelValues {

    /** Below this magnitude a double is written with an exponent, as JavaScript does. */
    private static final double PLAIN_FROM = 1e-7;
    /** From this magnitude on a double is written with an exponent, as JavaScript does. */
    private static final double PLAIN_BELOW = 1e21;

    private LabelValues() {}

    public static String of(Object value) {
        return switch (value) {
            case null -> "";
            case String s -> s;
            case Double d -> number(d);
            case Float f -> number(f.doubleValue());
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case List<?> list -> json(list);
            case Map<?, ?> map -> json(map);
            default -> value.toString();
        };
    }

    static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double magnitude = Math.abs(d);
        if (magnitude >= PLAIN_FROM && magnitude < PLAIN_BELOW) {
            return shortest.toPlainString();
        }
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        return (d < 0 ? "-" : "") + digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "")
                + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }

    private static String json(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
            case Double d when Double.isNaN(d) || Double.isInfinite(d) -> '"' + number(d) + '"';
            case List<?> list -> {
                StringJoiner out = new StringJoiner(",", "[", "]");
                list.forEach(v -> out.add(json(v)));
                yield out.toString();
            }
            case Map<?, ?> map -> {
                StringJoiner out = new StringJoiner(",", "{", "}");
                map.forEach((k, v) -> out.add(json(String.valueOf(k)) + ":" + json(v)));
                yield out.toString();
            }
            case Number n -> of(n);
            case Boolean b -> b.toString();
            default -> json(value.toString());
        };
    }
}
