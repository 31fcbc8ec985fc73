package io.dbwarden.app;

import io.dbwarden.check.Check;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which checks the service runs besides the built-in ones, which it does not, and how configured ones differ.
 *
 * @param directories directories of custom check files, read after the built-in checks
 * @param disabled    names of checks that never run on any target
 * @param overrides   per-check interval and parameter changes, by check name
 */
public record ChecksConfig(List<Path> directories, Set<String> disabled, Map<String, CheckOverride> overrides) {

    public static final ChecksConfig DEFAULT = new ChecksConfig(List.of(), Set.of(), Map.of());

    public ChecksConfig {
        directories = List.copyOf(directories);
        disabled = Collections.unmodifiableSet(new TreeSet<>(disabled));
        overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
        disabled.forEach(ChecksConfig::requireCheckName);
        overrides.keySet().forEach(ChecksConfig::requireCheckName);
    }

    static void requireCheckName(String name) {
        if (name == null || !Check.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a check name (" + Check.NAME.pattern() + ")");
        }
    }
}
