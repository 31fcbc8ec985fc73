package io.dbwarden.service;

import java.util.Optional;

/**
 * What "test connection" found: whether a session opened and the server answered, the server's version when it did,
 * and the reason when it did not (never holding the password).
 */
public record ConnectionTest(String target, boolean ok, Optional<String> version, Optional<String> error,
        long millis) {
}
