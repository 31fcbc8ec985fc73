/**
 * The command line's client of a running {@code dbwarden serve}: {@code dbwarden targets list|add|remove|test},
 * {@code dbwarden run [--target N] [--check N] [--wait]} and {@code dbwarden findings [filters]}, each with
 * {@code --server URL} (default {@code http://127.0.0.1:9650}, or {@code DBWARDEN_SERVER}) and the API token from the
 * environment variable {@code DBWARDEN_TOKEN} only (a flag would show it in {@code ps}).
 *
 * <p>Exit codes follow {@code dbwarden check}: 0 done (with {@code run --wait}: finished, nothing at or above
 * {@code --fail-on}), 1 findings at or above {@code --fail-on}, 2 the server refused the request (its {@code error}
 * sentence is printed) or the arguments are wrong, 3 the server cannot be reached, or a waited-for run did not finish or
 * could not check a target.
 */
package io.dbwarden.cli.client;
