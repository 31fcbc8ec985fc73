package io.dbwarden.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One Alertmanager that receives dbwarden's alerts, with the client options Prometheus' {@code alertmanager_config}
 * offers: basic auth or a bearer token (secrets by reference), TLS files and a request timeout.
 *
 * @param url the Alertmanager's base URL, e.g. {@code https://am1:9093} or {@code http://proxy/alertmanager}
 */
public record AlertmanagerConfig(URI url, Optional<BasicAuth> basicAuth, Optional<SecretRef> bearerToken,
        TlsOptions tls, Duration timeout) {

    /** Prometheus' default for alert pushes; a slow Alertmanager must not hold a delivery batch for longer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Past this a push is not slow but stuck; retries do better than waiting. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    public record BasicAuth(String username, SecretRef password) {
        public BasicAuth {
            if (username == null || username.isEmpty() || username.contains(":")) {
                throw new IllegalArgumentException("basic_auth needs a username without ':'");
            }
            Objects.requireNonNull(password, "basic_auth needs a password reference (env:NAME or file:PATH)");
        }
    }

    /**
     * @param serverName         the name to verify the certificate against, when it differs from the URL's host
     * @param insecureSkipVerify accept any certificate (testing only)
     */
    public record TlsOptions(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile,
            Optional<String> serverName, boolean insecureSkipVerify) {

        public static final TlsOptions NONE =
                new TlsOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);

        public TlsOptions {
            if (certFile.isPresent() != keyFile.isPresent()) {
                throw new IllegalArgumentException("tls_config needs cert_file and key_file together");
            }
        }
    }

    public AlertmanagerConfig {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (!url.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme)) || url.getHost() == null) {
            throw new IllegalArgumentException("Alertmanager URL '" + url + "' must be an http:// or https:// URL with a host");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Alertmanager URL must not carry credentials; use basic_auth with a password reference");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("Alertmanager URL '" + url + "' must not have a query or fragment");
        }
        Objects.requireNonNull(basicAuth, "basicAuth");
        Objects.requireNonNull(bearerToken, "bearerToken");
        if (basicAuth.isPresent() && bearerToken.isPresent()) {
            throw new IllegalArgumentException("an Alertmanager takes basic_auth or bearer_token, not both");
        }
        tls = tls == null ? TlsOptions.NONE : tls;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("Alertmanager timeout must be positive and at most " + MAX_TIMEOUT.toMinutes() + " minutes");
        }
    }

    /** An Alertmanager reached without credentials, as {@code --alertmanager URL} gives it. */
    public static AlertmanagerConfig of(String url) {
        try {
            return new AlertmanagerConfig(new URI(url.strip()), Optional.empty(), Optional.empty(), TlsOptions.NONE,
                    DEFAULT_TIMEOUT);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Alertmanager URL '" + url + "' is not valid (" + e.getReason() + ")");
        }
    }
}
