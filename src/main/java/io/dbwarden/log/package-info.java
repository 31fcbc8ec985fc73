/**
 * Structured log lines: an event name then {@code key=value} pairs ({@link io.dbwarden.log.LogLine}), the one format
 * the web server and the service log in. Lines say what happened and what happens next; they never carry secrets.
 */
package io.dbwarden.log;
