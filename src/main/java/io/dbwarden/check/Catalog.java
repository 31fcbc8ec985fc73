package io.dbwarden.check;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks ready to run, compiled, one per name. {@link CatalogLoader} makes them from the built-in checks
 * and the user's directories, with the problems it met on the way.
 */
public final class Catalog {

    private final Map<String, Check> checks;

    private Catalog(Map<String, Check> checks) {
        this.checks = checks;
    }

    /** A catalog of these checks, ordered by name; a name given twice is an error. */
    public static Catalog of(Collection<Check> checks) {
        Map<String, Check> byName = new LinkedHashMap<>();
        checks.stream().sorted(Comparator.comparing(Check::name)).forEach(c -> {
            Check earlier = byName.putIfAbsent(c.name(), c);
            if (earlier != null) {
                throw new IllegalArgumentException("check '" + c.name() + "' is defined in both " + earlier.source()
                        + " and " + c.source());
            }
        });
        return new Catalog(byName);
    }

    /**
     * Loads and compiles every built-in check and every check in the given directories, strictly: any
     * problem in any file fails the load. A service that serves the good checks uses {@link CatalogLoader}.
     */
    public static Catalog load(CheckLoader loader, List<Path> userDirectories) throws CheckFileException {
        return new CatalogLoader(loader, userDirectories).load(CheckSelection.ALL).strict();
    }

    public List<Check> all() {
        return List.copyOf(checks.values());
    }

    public Optional<Check> find(String name) {
        return Optional.ofNullable(checks.get(name));
    }

    public int size() {
        return checks.size();
    }
}
