package io.dbwarden.collect;

import io.dbwarden.cel.CelValues;

/** Types the text values servers report for settings and counters: numbers become numbers, the rest stays text. */
public final class TextValues {

    private TextValues() {}

    /** {@code "123"} becomes 123L, {@code "1.5"} 1.5, anything else stays text; null becomes CEL null. */
    public static Object typed(String text) {
        if (text == null) {
            return CelValues.toCel(null);
        }
        if (text.matches("-?\\d{1,18}")) {
            return Long.parseLong(text);
        }
        if (text.matches("-?\\d+\\.\\d+") || text.matches("\\d{19,20}")) {
            return Double.parseDouble(text);
        }
        return text;
    }
}
