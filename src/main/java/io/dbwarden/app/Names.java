package io.dbwarden.app;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming rules of the service, in one place.
 *
 * <p>A target name becomes the {@code service_name} label of every alert, a path segment of the REST API and a metric
 * label value, so it is kept to what is safe in all three: a letter or '_' first, then letters, digits, '_', '.' and
 * '-', at most 63 characters (a DNS label's length, so host names fit). Label names follow Prometheus
 * ({@code [a-zA-Z_][a-zA-Z0-9_]*}, no leading {@code __}) and may not take a name dbwarden puts on every alert.
 */
public final class Names {

    public static final Pattern TARGET = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.\\-]{0,62}$");
    public static final Pattern LABEL = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
    /** Labels every alert gets from dbwarden itself (DESIGN §5); a target label may not shadow them. */
    public static final Set<String> RESERVED_LABELS =
            Set.of("alertname", "severity", "service_name", "engine", "category", "dbwarden_check");
    /** Longer label values are almost certainly a mistake and bloat every alert of the target. */
    public static final int MAX_LABEL_VALUE_LENGTH = 1024;

    private Names() {
    }

    public static String requireTarget(String name) {
        if (name == null || !TARGET.matcher(name).matches()) {
            throw new IllegalArgumentException("target name '" + name + "' must start with a letter or '_' and hold "
                    + "only letters, digits, '_', '.' and '-' (at most 63 characters)");
        }
        return name;
    }

    public static void requireLabel(String name, String value) {
        if (name == null || !LABEL.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("label name '" + name
                    + "' must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __");
        }
        if (RESERVED_LABELS.contains(name)) {
            throw new IllegalArgumentException("label '" + name + "' is set by dbwarden on every alert; choose another name");
        }
        if (value == null || value.length() > MAX_LABEL_VALUE_LENGTH) {
            throw new IllegalArgumentException("label '" + name + "' needs a value of at most "
                    + MAX_LABEL_VALUE_LENGTH + " characters");
        }
    }
}
