package io.dbwarden.app;

import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of {@code dbwarden.yaml}, with the environment variable and the command-line flag that override it.
 * The environment variable is the YAML path upper-cased with dots as underscores, after {@code DBWARDEN_}
 * ({@code web.route_prefix} is {@code DBWARDEN_WEB_ROUTE_PREFIX}). A setting given in the environment replaces the
 * file's value whole; a flag replaces both. List settings take a comma-separated list in the environment and in flags.
 */
public enum Setting {
    LISTEN("listen", "--listen", Shape.SCALAR),
    DATA_DIR("data_dir", "--data-dir", Shape.SCALAR),
    STORE("store", "--store", Shape.SCALAR),
    ROUTE_PREFIX("web.route_prefix", "--web.route-prefix", Shape.SCALAR),
    RETENTION("retention", "--retention", Shape.SCALAR),
    MAX_CONCURRENT_TARGETS("max_concurrent_targets", "--max-concurrent-targets", Shape.SCALAR),
    RARE_INTERVAL("intervals.rare", "--interval-rare", Shape.SCALAR),
    STANDARD_INTERVAL("intervals.standard", "--interval-standard", Shape.SCALAR),
    FREQUENT_INTERVAL("intervals.frequent", "--interval-frequent", Shape.SCALAR),
    CHECK_DIRECTORIES("checks.directories", "--checks-dir", Shape.LIST),
    DISABLED_CHECKS("checks.disabled", "--disable-check", Shape.LIST),
    /** Per-check interval and params: the file only (the API changes check settings at run time). */
    CHECK_OVERRIDES("checks.overrides", null, Shape.FILE_ONLY),
    /** In the environment and flags: {@code NAME=DSN,NAME=DSN} (labels and host facts need the file). */
    TARGETS("targets", "--target", Shape.LIST),
    /** In the environment and flags: URLs without credentials. */
    ALERTMANAGERS("alertmanagers", "--alertmanager", Shape.LIST),
    /** In the environment and flags: {@code NAME:ROLE:sha256:HEX,…}. */
    AUTH_TOKENS("auth.tokens", null, Shape.LIST),
    SECRET_KEY_FILE("secrets.key_file", "--secret-key-file", Shape.SCALAR);

    enum Shape { SCALAR, LIST, FILE_ONLY }

    private final String path;
    private final String flag;
    private final Shape shape;

    Setting(String path, String flag, Shape shape) {
        this.path = path;
        this.flag = flag;
        this.shape = shape;
    }

    /** Where the setting sits in {@code dbwarden.yaml}, dotted: {@code intervals.rare}. */
    public String path() {
        return path;
    }

    /** The environment variable that overrides the file; none for file-only settings. */
    public Optional<String> envVar() {
        return shape == Shape.FILE_ONLY ? Optional.empty()
                : Optional.of("DBWARDEN_" + path.toUpperCase(Locale.ROOT).replace('.', '_'));
    }

    /** The flag name the CLI uses for it, when there is one (only for messages; the CLI parses flags). */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    Shape shape() {
        return shape;
    }

    static Optional<Setting> atPath(String path) {
        for (Setting s : values()) {
            if (s.path.equals(path)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
