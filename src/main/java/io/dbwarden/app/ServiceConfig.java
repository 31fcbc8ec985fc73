package io.dbwarden.app;

import io.dbwarden.web.ApiToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code dbwarden serve} is configured with, validated. Read it with {@link ConfigLoader}; the defaults
 * ({@link #defaults()}) serve a fresh machine: loopback on port 9650, an H2 file under {@code ./data}, the built-in
 * checks, no targets.
 *
 * @param dataDir              where the embedded store (and anything else the service writes) lives
 * @param routePrefix          the path the HTTP API is served under, like Alertmanager's {@code --web.route-prefix};
 *                             {@code /} or a path such as {@code /dbwarden} without a trailing slash
 * @param retention            runs and resolved findings older than this are pruned
 * @param maxConcurrentTargets how many targets are checked at the same time
 * @param secretKeyFile        a key file that lets the store keep inline target passwords encrypted; without it they
 *                             are refused
 * @param tokens               API tokens; none means no authentication, allowed on loopback only
 */
public record ServiceConfig(
        ListenAddress listen,
        Path dataDir,
        StoreLocation store,
        String routePrefix,
        Duration retention,
        int maxConcurrentTargets,
        IntervalLengths intervals,
        ChecksConfig checks,
        List<TargetDefinition> targets,
        List<AlertmanagerConfig> alertmanagers,
        List<ApiToken> tokens,
        Optional<Path> secretKeyFile) {

    /** Prometheus' and Alertmanager's habit: state in {@code data/} under the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    /** Shorter would prune a run before anyone looked at it; a findings history needs days at least. */
    static final Duration MIN_RETENTION = Duration.ofDays(1);
    /** Each concurrent target holds one session and a virtual thread; 4 keeps a 2-core host responsive. */
    public static final int DEFAULT_MAX_CONCURRENT_TARGETS = 4;
    /** More concurrent sessions than this is a fleet for several nodes, not one. */
    static final int MAX_CONCURRENT_TARGETS_LIMIT = 256;

    public ServiceConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(store, "store");
        dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        routePrefix = normalizeRoutePrefix(routePrefix);
        Objects.requireNonNull(retention, "retention");
        if (retention.compareTo(MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("retention must be at least 1 day");
        }
        if (maxConcurrentTargets < 1 || maxConcurrentTargets > MAX_CONCURRENT_TARGETS_LIMIT) {
            throw new IllegalArgumentException("max_concurrent_targets must be between 1 and " + MAX_CONCURRENT_TARGETS_LIMIT);
        }
        Objects.requireNonNull(intervals, "intervals");
        Objects.requireNonNull(checks, "checks");
        targets = List.copyOf(targets);
        alertmanagers = List.copyOf(alertmanagers);
        tokens = List.copyOf(tokens);
        Objects.requireNonNull(secretKeyFile, "secretKeyFile");
        requireUnique("target", targets.stream().map(TargetDefinition::name).toList());
        requireUnique("token", tokens.stream().map(ApiToken::name).toList());
        for (TargetDefinition target : targets) {
            if (target.hasInlinePassword()) {
                throw inlinePassword(target.name());
            }
        }
        if (!listen.isLoopback() && tokens.isEmpty()) {
            throw unauthenticatedListen(listen);
        }
    }

    public static ServiceConfig defaults() {
        return new ServiceConfig(ListenAddress.DEFAULT, DEFAULT_DATA_DIR, StoreLocation.h2Under(DEFAULT_DATA_DIR.toAbsolutePath()),
                "/", DEFAULT_RETENTION, DEFAULT_MAX_CONCURRENT_TARGETS, IntervalLengths.DEFAULT, ChecksConfig.DEFAULT,
                List.of(), List.of(), List.of(), Optional.empty());
    }

    public boolean authRequired() {
        return !tokens.isEmpty();
    }

    static IllegalArgumentException unauthenticatedListen(ListenAddress listen) {
        return new IllegalArgumentException("refusing to listen on " + listen + " without authentication: anyone who "
                + "can reach it could change targets and read findings. Listen on 127.0.0.1, or configure auth.tokens");
    }

    static IllegalArgumentException inlinePassword(String target) {
        return new IllegalArgumentException("target '" + target + "': the DSN holds a password inline; give it by "
                + "reference: ?password=env:NAME or ?password=file:PATH");
    }

    static String normalizeRoutePrefix(String prefix) {
        String p = prefix == null || prefix.isBlank() ? "/" : prefix.strip();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.matches("/[A-Za-z0-9._~/\\-]*") || p.contains("//") || p.contains("/../") || p.endsWith("/..")) {
            throw new IllegalArgumentException("route prefix '" + prefix + "' must be a plain path such as /dbwarden");
        }
        return p;
    }

    private static void requireUnique(String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException(what + " '" + name + "' is defined twice");
            }
        }
    }
}
