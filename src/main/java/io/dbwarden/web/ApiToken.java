package io.dbwarden.web;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured API token: a name that appears in logs and the audit trail (the token itself never does), the role
 * it grants, and its hash.
 */
public record ApiToken(String name, Role role, TokenHash hash) {

    /**
     * Names travel into log lines and audit records unquoted, so they stay short and plain; 63 characters is what the
     * store's column holds.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}");

    public ApiToken {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hash, "hash");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token name '" + name + "' must be 1 to 63 characters of letters, "
                    + "digits, '_', '.', '@' or '-', starting with a letter, digit or '_'");
        }
    }
}
