/**
 * The HTTP edge of {@code dbwarden serve}: {@link io.dbwarden.web.WebServer} on Javalin (Jetty 12), where the service
 * mounts its routes through {@link io.dbwarden.web.Routes}.
 *
 * <p><b>Access control.</b> The server listens on loopback unless tokens are configured: a non-loopback address
 * without tokens is refused at start. With no tokens, every request on loopback is an admin (anyone who can reach
 * 127.0.0.1 already runs code on the machine), except that requests addressed to a non-loopback name (DNS
 * rebinding) or sent by a page of another web origin (cross-site requests) are refused with 403. With tokens, every route needs {@code Authorization: Bearer <token>}
 * and a role ({@code viewer} reads; {@code operator} also runs checks and creates or expires silences; {@code admin}
 * also changes targets and settings). Missing or unknown tokens get 401 with {@code WWW-Authenticate: Bearer}, a role
 * too low gets 403; either way the handler never runs. Tokens are stored as {@code sha256:<hex>} of the token and
 * compared in constant time; logs carry the token's name only.
 *
 * <p><b>Errors.</b> A refused request is {@code {"error": "…"}} with 400/404/409/413/422 (see
 * {@link io.dbwarden.web.ApiException}); a failure is a 500 naming an incident id that the log line also carries.
 *
 * <p><b>Operations.</b> {@code /-/healthy}, {@code /-/ready} and {@code /metrics} (Prometheus text) need no token by
 * default, as in Prometheus; {@link io.dbwarden.web.OperationalAccess#TOKEN} makes them need a viewer token.
 */
package io.dbwarden.web;
