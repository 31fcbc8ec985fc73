package io.dbwarden.evaluate;

import dev.cel.common.values.CelByteString;
import io.dbwarden.cel.CelValues;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's output values as plain Java values that keep their CEL type: string, int (Long), double, bool, list and
 * map as themselves, null as Java null, uint as Long (Double beyond Long's range), bytes as hex text, timestamps and
 * durations as ISO-8601 text.
 */
final class FieldValues {

    private FieldValues() {}

    static Object fromCel(Object value) {
        return switch (value) {
            case null -> null;
            case Object o when CelValues.isNull(o) -> null;
            case String s -> s;
            case Long l -> l;
            case Double d -> d;
            case Boolean b -> b;
            case CelByteString bytes -> HexFormat.of().formatHex(bytes.toByteArray());
            case Number unsigned -> integer(unsigned);
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(v -> out.add(fromCel(v)));
                yield Collections.unmodifiableList(out);
            }
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), fromCel(v)));
                yield Collections.unmodifiableMap(out);
            }
            default -> value.toString();
        };
    }

    private static Object integer(Number number) {
        try {
            BigInteger n = new BigInteger(number.toString());
            return n.bitLength() < Long.SIZE ? (Object) n.longValue() : (Object) n.doubleValue();
        } catch (NumberFormatException notAnInteger) {
            return number.doubleValue();
        }
    }
}
