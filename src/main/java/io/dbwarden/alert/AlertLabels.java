package io.dbwarden.alert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The label set of a finding's alert (DESIGN §5), defined here and nowhere else: {@code alertname} (the check),
 * {@code severity}, {@code service_name} (the target), {@code engine}, {@code category}, {@code dbwarden_check="1"},
 * then the target's labels, then the finding's key fields.
 *
 * <p>On a name clash the fixed labels win, then the target's labels; a label whose name is already taken is kept
 * as {@code exported_<name>} (prefixed again until free), the way Prometheus keeps a scraped label that clashes
 * with a target label. So routing labels cannot be overridden by a check, and no key value is lost: two different
 * findings never end up with the same labels.
 */
public final class AlertLabels {

    public static final String ALERTNAME = "alertname";
    public static final String SEVERITY = "severity";
    public static final String SERVICE_NAME = "service_name";
    public static final String ENGINE = "engine";
    public static final String CATEGORY = "category";
    /** Marks every alert dbwarden raises, so routes and silences can select them all. */
    public static final String DBWARDEN_CHECK = "dbwarden_check";
    public static final String EXPORTED_PREFIX = "exported_";

    private AlertLabels() {}

    /**
     * @param key the finding's key fields, already in label form ({@link LabelValues#of})
     * @throws IllegalArgumentException when a target label or key field name is not a valid label name
     */
    public static LabelSet of(String check, String severity, String target, String engine, String category,
                              Map<String, String> targetLabels, Map<String, String> key) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ALERTNAME, check);
        labels.put(SEVERITY, severity);
        labels.put(SERVICE_NAME, target);
        labels.put(ENGINE, engine);
        labels.put(CATEGORY, category);
        labels.put(DBWARDEN_CHECK, "1");
        addUnclaimed(labels, targetLabels);
        addUnclaimed(labels, key);
        return LabelSet.of(labels);
    }

    private static void addUnclaimed(Map<String, String> labels, Map<String, String> more) {
        more.forEach((name, value) -> {
            if (value.isEmpty()) {
                return; // absent: it claims no name
            }
            String free = name;
            while (labels.containsKey(free)) {
                free = EXPORTED_PREFIX + free;
            }
            labels.put(free, value);
        });
    }
}
