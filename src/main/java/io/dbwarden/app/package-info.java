/**
 * The service's configuration: {@link io.dbwarden.app.ServiceConfig}, read by {@link io.dbwarden.app.ConfigLoader}
 * from {@code dbwarden.yaml}, the environment ({@code DBWARDEN_*}, see {@link io.dbwarden.app.Setting}) and flags, in
 * rising precedence. The repository's {@code dbwarden.example.yaml} shows every setting.
 *
 * <p>Decisions: the data directory defaults to {@code ./data}, as Prometheus and Alertmanager do; relative paths are
 * relative to the working directory; secrets are references ({@code env:NAME}, {@code file:PATH}) everywhere, and an
 * inline password in the file or the environment is refused; target names match
 * {@code ^[A-Za-z_][A-Za-z0-9_.-]{0,62}$}; API tokens are stored as {@code sha256:<hex>} of the token.
 */
package io.dbwarden.app;
