package io.dbwarden.check;

import io.dbwarden.target.Engine;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which checks a run wants: names matched by shell-style globs ({@code mysql_*},
 * {@code *_tls_*,postgresql_hba_*}), minus excluded and disabled names, for the engines of the targets
 * at hand. Only selected checks have their rules compiled. Immutable.
 */
public final class CheckSelection {

    /** Every check. */
    public static final CheckSelection ALL = new CheckSelection(Optional.empty(), Optional.empty(), Set.of(),
            EnumSet.allOf(Engine.class));

    private final Optional<Pattern> include;
    private final Optional<Pattern> exclude;
    private final Set<String> disabled;
    private final Set<Engine> engines;

    private CheckSelection(Optional<Pattern> include, Optional<Pattern> exclude, Set<String> disabled, Set<Engine> engines) {
        this.include = include;
        this.exclude = exclude;
        this.disabled = Set.copyOf(disabled);
        this.engines = Set.copyOf(engines);
    }

    /** Checks whose names match {@code include} (every check when null) and not {@code exclude} (when given). */
    public static CheckSelection byName(String include, String exclude) {
        return new CheckSelection(Optional.ofNullable(include).map(CheckSelection::globs),
                Optional.ofNullable(exclude).map(CheckSelection::globs), Set.of(), EnumSet.allOf(Engine.class));
    }

    /** This selection without the checks named, as a configuration that turns checks off asks. */
    public CheckSelection disabling(Collection<String> names) {
        Set<String> all = new java.util.HashSet<>(disabled);
        all.addAll(names);
        return new CheckSelection(include, exclude, all, engines);
    }

    /** This selection restricted to checks for these engines (those of the targets a run will check). */
    public CheckSelection forEngines(Collection<Engine> wanted) {
        Set<Engine> kept = EnumSet.noneOf(Engine.class);
        kept.addAll(wanted);
        kept.retainAll(engines);
        return new CheckSelection(include, exclude, disabled, kept);
    }

    /** Whether the names alone select the check, whatever its engine. */
    public boolean selectsName(String name) {
        return include.map(p -> p.matcher(name).matches()).orElse(true)
                && exclude.map(p -> !p.matcher(name).matches()).orElse(true)
                && !disabled.contains(name);
    }

    public boolean selects(CheckDefinition definition) {
        return selectsName(definition.name()) && engines.contains(definition.engine());
    }

    static Pattern globs(String globs) {
        StringBuilder regex = new StringBuilder();
        for (String glob : globs.split(",")) {
            if (glob.isBlank()) {
                continue;
            }
            regex.append(regex.isEmpty() ? "" : "|").append('(');
            for (char c : glob.trim().toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            regex.append(')');
        }
        return Pattern.compile(regex.toString());
    }
}
