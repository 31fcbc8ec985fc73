package io.dbwarden.app;

import io.dbwarden.units.Durations;
import io.dbwarden.web.ApiToken;
import io.dbwarden.web.Role;
import io.dbwarden.web.TokenHash;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the {@link ServiceConfig} from, in rising precedence: the defaults, {@code dbwarden.yaml}, the environment
 * ({@link Setting#envVar()}) and command-line flags. Every problem is reported at once, each where its value came from.
 */
public final class ConfigLoader {

    /** The environment variable naming the configuration file when {@code --config} is not given. */
    public static final String CONFIG_ENV = "DBWARDEN_CONFIG";
    /** The file read when neither {@code --config} nor {@link #CONFIG_ENV} names one, if it exists. */
    public static final Path DEFAULT_FILE = Path.of("dbwarden.yaml");
    /** A configuration file is a page of settings; anything this big is the wrong file. */
    static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final String DEFAULT_WHERE = "default";

    private ConfigLoader() {
    }

    /**
     * Which configuration file to read: the {@code --config} flag's, else {@link #CONFIG_ENV}'s, else
     * {@code dbwarden.yaml} in the working directory when there is one, else none (the defaults serve a fresh machine).
     * A file named by the flag or the variable must exist; {@link #load} reports it otherwise.
     */
    public static Optional<Path> configFile(Optional<Path> flag, Map<String, String> env) {
        if (flag.isPresent()) {
            return flag;
        }
        String fromEnv = env.get(CONFIG_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Path.of(fromEnv.strip()));
        }
        return Files.isRegularFile(DEFAULT_FILE) ? Optional.of(DEFAULT_FILE) : Optional.empty();
    }

    /** Loads from the process environment, without flags. */
    public static ServiceConfig load(Optional<Path> file) throws ConfigException {
        return load(file, System.getenv(), Map.of());
    }

    /**
     * Loads the configuration.
     *
     * @param file  the configuration file, if any ({@code --config}, else {@link #CONFIG_ENV}, is the caller's choice)
     * @param env   environment variables
     * @param flags command-line values by setting; list settings comma-separated
     */
    public static ServiceConfig load(Optional<Path> file, Map<String, String> env, Map<Setting, String> flags)
            throws ConfigException {
        ConfigDraft draft = new ConfigDraft();
        if (file.isPresent()) {
            Optional<String> text = read(file.get(), draft);
            text.ifPresent(t -> YamlConfigReader.read(file.get().toString(), t, draft));
        }
        return finish(draft, env, flags);
    }

    /** Loads from configuration text; {@code label} names it in messages. */
    public static ServiceConfig parse(String label, String text, Map<String, String> env, Map<Setting, String> flags)
            throws ConfigException {
        ConfigDraft draft = new ConfigDraft();
        YamlConfigReader.read(label, text, draft);
        return finish(draft, env, flags);
    }

    private static Optional<String> read(Path file, ConfigDraft draft) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                draft.problem(file.toString(), "the configuration file is larger than " + MAX_FILE_BYTES + " bytes");
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            draft.problem(file.toString(), "no such configuration file");
        } catch (MalformedInputException e) {
            draft.problem(file.toString(), "the configuration file is not UTF-8 text");
        } catch (IOException e) {
            draft.problem(file.toString(), "cannot read the configuration file (" + e.getClass().getSimpleName() + ")");
        }
        return Optional.empty();
    }

    /** A token in the environment's compact form {@code NAME:ROLE:sha256:HEX}. */
    static ApiToken compactToken(String text) {
        String[] parts = text.strip().split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a token must be written NAME:ROLE:sha256:HEX, e.g. ci:operator:sha256:…");
        }
        return new ApiToken(parts[0], Role.fromId(parts[1].strip()), TokenHash.parse(parts[2].strip()));
    }

    private static ServiceConfig finish(ConfigDraft draft, Map<String, String> env, Map<Setting, String> flags)
            throws ConfigException {
        for (Setting setting : Setting.values()) {
            setting.envVar().filter(env::containsKey)
                    .ifPresent(name -> draft.put(setting, split(setting, env.get(name), "environment variable " + name)));
            if (flags.containsKey(setting)) {
                draft.put(setting, split(setting, flags.get(setting),
                        "flag " + setting.flag().orElse(setting.path())));
            }
        }
        ServiceConfig config = build(draft);
        if (!draft.problems.isEmpty()) {
            throw new ConfigException(draft.problems);
        }
        return config;
    }

    private static ConfigDraft.Texts split(Setting setting, String value, String where) {
        List<ConfigDraft.Text> items = new ArrayList<>();
        if (setting.shape() == Setting.Shape.LIST) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(new ConfigDraft.Text(item.strip(), where));
                }
            }
        } else {
            items.add(new ConfigDraft.Text(value, where));
        }
        return new ConfigDraft.Texts(items, where);
    }

    private static ServiceConfig build(ConfigDraft d) {
        Path dataDir = scalar(d, Setting.DATA_DIR, Path::of, ServiceConfig.DEFAULT_DATA_DIR).toAbsolutePath().normalize();
        ListenAddress listen = scalar(d, Setting.LISTEN, ListenAddress::parse, ListenAddress.DEFAULT);
        StoreLocation store = scalar(d, Setting.STORE, t -> StoreLocation.parse(t, dataDir), StoreLocation.h2Under(dataDir));
        String routePrefix = scalar(d, Setting.ROUTE_PREFIX, ServiceConfig::normalizeRoutePrefix, "/");
        Duration retention = scalar(d, Setting.RETENTION, ConfigLoader::retention, ServiceConfig.DEFAULT_RETENTION);
        int maxTargets = scalar(d, Setting.MAX_CONCURRENT_TARGETS, ConfigLoader::maxTargets,
                ServiceConfig.DEFAULT_MAX_CONCURRENT_TARGETS);
        IntervalLengths intervals = intervals(d);
        List<Path> directories = list(d, Setting.CHECK_DIRECTORIES, Path::of, List.of());
        List<String> disabled = list(d, Setting.DISABLED_CHECKS, t -> {
            ChecksConfig.requireCheckName(t);
            return t;
        }, List.of());
        List<TargetDefinition> targets = list(d, Setting.TARGETS, ConfigLoader::compactTarget, d.fileTargets);
        List<AlertmanagerConfig> alertmanagers = list(d, Setting.ALERTMANAGERS, AlertmanagerConfig::of, d.fileAlertmanagers);
        List<ApiToken> tokens = list(d, Setting.AUTH_TOKENS, ConfigLoader::compactToken, d.fileTokens);
        Optional<Path> keyFile = Optional.ofNullable(scalar(d, Setting.SECRET_KEY_FILE, Path::of, null));
        if (!listen.isLoopback() && tokens.isEmpty()) {
            d.problem(where(d, Setting.LISTEN), ServiceConfig.unauthenticatedListen(listen).getMessage());
        }
        if (!d.problems.isEmpty()) {
            return null;
        }
        try {
            return new ServiceConfig(listen, dataDir, store, routePrefix, retention, maxTargets, intervals,
                    new ChecksConfig(directories, new LinkedHashSet<>(disabled), d.overrides), targets, alertmanagers,
                    tokens, keyFile);
        } catch (IllegalArgumentException e) {
            d.problem("configuration", e.getMessage());
            return null;
        }
    }

    private static IntervalLengths intervals(ConfigDraft d) {
        IntervalLengths def = IntervalLengths.DEFAULT;
        Duration rare = scalar(d, Setting.RARE_INTERVAL, ConfigLoader::interval, def.rare());
        Duration standard = scalar(d, Setting.STANDARD_INTERVAL, ConfigLoader::interval, def.standard());
        Duration frequent = scalar(d, Setting.FREQUENT_INTERVAL, ConfigLoader::interval, def.frequent());
        return new IntervalLengths(rare, standard, frequent);
    }

    private static Duration interval(String text) {
        Duration d = Durations.parse(text);
        IntervalLengths.requireAtLeastMin("check", d);
        return d;
    }

    private static Duration retention(String text) {
        Duration d = Durations.parse(text);
        if (d.compareTo(ServiceConfig.MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("retention must be at least 1 day (e.g. 90d)");
        }
        return d;
    }

    private static int maxTargets(String text) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("max_concurrent_targets must be a whole number");
        }
        if (n < 1 || n > ServiceConfig.MAX_CONCURRENT_TARGETS_LIMIT) {
            throw new IllegalArgumentException("max_concurrent_targets must be between 1 and "
                    + ServiceConfig.MAX_CONCURRENT_TARGETS_LIMIT);
        }
        return n;
    }

    /** {@code NAME=DSN}, the environment's and flags' form of a target. */
    private static TargetDefinition compactTarget(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("a target must be written NAME=DSN, e.g. db1=postgresql://monitor@db1/postgres");
        }
        String name = text.substring(0, eq).strip();
        String dsn = text.substring(eq + 1).strip();
        if (DsnPasswords.hasInline(dsn)) {
            throw ServiceConfig.inlinePassword(name);
        }
        return new TargetDefinition(name, dsn, Map.of(), null);
    }

    private static <T> T scalar(ConfigDraft d, Setting setting, Function<String, T> parser, T fallback) {
        Optional<ConfigDraft.Texts> texts = d.get(setting);
        if (texts.isEmpty()) {
            return fallback;
        }
        ConfigDraft.Text text = texts.get().items().get(0);
        try {
            return parser.apply(text.text());
        } catch (IllegalArgumentException e) {
            d.problem(text.where(), setting.path() + ": " + e.getMessage());
            return fallback;
        }
    }

    private static <T> List<T> list(ConfigDraft d, Setting setting, Function<String, T> parser, List<T> fallback) {
        Optional<ConfigDraft.Texts> texts = d.get(setting);
        if (texts.isEmpty()) {
            return fallback;
        }
        List<T> out = new ArrayList<>();
        for (ConfigDraft.Text text : texts.get().items()) {
            try {
                out.add(parser.apply(text.text()));
            } catch (IllegalArgumentException e) {
                d.problem(text.where(), setting.path() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String where(ConfigDraft d, Setting setting) {
        return d.get(setting).map(ConfigDraft.Texts::where).orElse(DEFAULT_WHERE);
    }
}
