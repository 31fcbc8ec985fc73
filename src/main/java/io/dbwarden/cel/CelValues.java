package io.dbwarden.cel;

import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between plain Java values and the values CEL understands (int, double, string, bool, null, list, map). */
public final class CelValues {

    private CelValues() {}

    public static Object toCel(Object value) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof Long || value instanceof Double || value instanceof String
                || value instanceof Boolean || value instanceof NullValue) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (value instanceof BigDecimal d) {
            return bigDecimal(d);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(toCel(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toCel(v)));
            return out;
        }
        if (value instanceof Character || value instanceof CharSequence) {
            return value.toString();
        }
        return value.toString();
    }

    private static Object bigDecimal(BigDecimal d) {
        if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException tooLarge) {
                return d.doubleValue();
            }
        }
        return d.doubleValue();
    }

    public static boolean isNull(Object value) {
        return value == null || value instanceof NullValue;
    }

    /** Renders a CEL value for a label or message: integers plainly, doubles without noise, null as empty. */
    public static String display(Object value) {
        if (isNull(value)) {
            return "";
        }
        if (value instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return BigDecimal.valueOf(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(display(v)));
            return String.join(", ", parts);
        }
        return value.toString();
    }
}
