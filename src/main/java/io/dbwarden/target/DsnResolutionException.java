package io.dbwarden.target;

import io.dbwarden.target.TargetConnectException.Reason;
import java.util.Objects;

/**
 * A parsed DSN could not be completed at connect time: its password reference could not be read, or a local
 * default (the operating-system user) is unknown. The target cannot be checked; the message names the reference,
 * never a password.
 */
final class DsnResolutionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    private DsnResolutionException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    static DsnResolutionException secret(String message) {
        return new DsnResolutionException(Reason.SECRET_UNAVAILABLE, message);
    }

    static DsnResolutionException localDefault(String message) {
        return new DsnResolutionException(Reason.OTHER, message);
    }

    /** How {@link TargetConnector} classifies the failure. */
    Reason reason() {
        return reason;
    }
}
