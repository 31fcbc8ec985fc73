package io.dbwarden.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * What the HTTP server needs: where to listen, the route prefix, the API tokens, who may read the operational
 * endpoints, the metrics registry (scraped by {@code /metrics}; the service registers its own meters there too), the
 * clock that times requests, what {@code /-/ready} asks, and how long a stop waits for requests in flight.
 *
 * @param host         address to listen on; anything but a loopback address needs tokens (checked at start)
 * @param port         TCP port; 0 picks a free one (tests)
 * @param routePrefix  prefix of every route, like Alertmanager's {@code --web.route-prefix}: with
 *                     {@code /alertmanager}, {@code /api/v2/alerts} is served at {@code /alertmanager/api/v2/alerts}
 *                     and {@code /metrics} at {@code /alertmanager/metrics}; empty for none
 * @param tokens       API tokens; none means every caller is an admin, allowed only on loopback
 * @param operational  whether {@code /metrics}, {@code /-/healthy}, {@code /-/ready} need a token
 * @param drainTimeout how long a stop lets requests in flight finish before it cuts them off
 */
public record WebSettings(
        String host,
        int port,
        String routePrefix,
        List<ApiToken> tokens,
        OperationalAccess operational,
        PrometheusMeterRegistry metrics,
        Clock clock,
        BooleanSupplier readiness,
        Duration drainTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9650;
    /**
     * Every API call is short (a run answers at once with its id and goes on in the background), so ten seconds
     * finishes any honest request while keeping a stop well inside the usual 30 s before a SIGKILL follows SIGTERM.
     */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    public WebSettings {
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the listen host must be an address or a name, got '" + host + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the listen port must be 0 to 65535, got " + port);
        }
        routePrefix = normalizePrefix(routePrefix);
        tokens = List.copyOf(tokens);
        checkUnique(tokens);
        Objects.requireNonNull(operational, "operational");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(readiness, "readiness");
        if (drainTimeout == null || drainTimeout.isNegative() || drainTimeout.isZero()) {
            throw new IllegalArgumentException("the drain timeout must be positive, got " + drainTimeout);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String normalizePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
            return "";
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!PREFIX.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("the route prefix must be a path such as /alertmanager "
                    + "(segments of letters, digits, '.', '_', '~' or '-'), got '" + prefix + "'");
        }
        return trimmed;
    }

    private static void checkUnique(List<ApiToken> tokens) {
        Map<String, ApiToken> byName = new HashMap<>();
        Map<TokenHash, ApiToken> byHash = new HashMap<>();
        for (ApiToken token : tokens) {
            if (byName.putIfAbsent(token.name(), token) != null) {
                throw new IllegalArgumentException("two API tokens are named '" + token.name() + "'");
            }
            ApiToken same = byHash.putIfAbsent(token.hash(), token);
            if (same != null) {
                throw new IllegalArgumentException("API tokens '" + same.name() + "' and '" + token.name()
                        + "' have the same hash, so one token would have two roles");
            }
        }
    }

    /** Defaults: 127.0.0.1:9650, no prefix, no tokens, open operational endpoints, a fresh registry, UTC clock. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String routePrefix = "";
        private List<ApiToken> tokens = List.of();
        private OperationalAccess operational = OperationalAccess.OPEN;
        private PrometheusMeterRegistry metrics;
        private Clock clock = Clock.systemUTC();
        private BooleanSupplier readiness = () -> true;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;

        private Builder() {}

        public Builder listen(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        public Builder routePrefix(String routePrefix) {
            this.routePrefix = routePrefix;
            return this;
        }

        public Builder tokens(List<ApiToken> tokens) {
            this.tokens = tokens;
            return this;
        }

        public Builder operational(OperationalAccess operational) {
            this.operational = operational;
            return this;
        }

        public Builder metrics(PrometheusMeterRegistry metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder readiness(BooleanSupplier readiness) {
            this.readiness = readiness;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        public WebSettings build() {
            PrometheusMeterRegistry registry = metrics != null ? metrics : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            return new WebSettings(host, port, routePrefix, tokens, operational, registry, clock, readiness,
                    drainTimeout);
        }
    }
}
