package io.dbwarden.web;

/**
 * Who may call {@code /metrics}, {@code /-/healthy} and {@code /-/ready} on a server that has tokens.
 *
 * <p>{@link #OPEN} is the default, as in Prometheus and Alertmanager out of the box: a scraper or a load balancer's
 * probe needs no credentials, and these endpoints change nothing and carry no secret. Metrics do name targets (in
 * labels) and count findings; where that is itself sensitive choose {@link #TOKEN}, and give Prometheus a viewer
 * token ({@code authorization: {credentials_file: …}} in its scrape config), as Prometheus itself requires once its
 * web config turns authentication on.
 */
public enum OperationalAccess {
    /** No token needed. */
    OPEN,
    /** A viewer token needed, like every other read. */
    TOKEN
}
