package io.dbwarden.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What kind of risk a check is about. */
public enum Category {
    SECURITY, CONFIGURATION, PERFORMANCE, RELIABILITY, AVAILABILITY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Category fromId(String id) {
        for (Category c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + id + "' (expected "
                + Arrays.stream(values()).map(Category::id).collect(Collectors.joining(", ")) + ")");
    }
}
