package io.dbwarden.target;

import java.util.Objects;

/**
 * A session to a target could not be opened.
 * The message reads "&lt;target name&gt;: &lt;what went wrong&gt;" and never contains the password or a JDBC URL.
 */
public final class TargetConnectException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the session could not be opened. */
    public enum Reason {
        AUTHENTICATION_FAILED,
        UNREACHABLE,
        TIMEOUT,
        TLS,
        DATABASE_NOT_FOUND,
        /** The password reference (env:NAME, file:PATH) could not be read. */
        SECRET_UNAVAILABLE,
        OTHER
    }

    private final String targetName;
    private final Reason reason;
    private final String detail;

    public TargetConnectException(String targetName, Reason reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(targetName, "targetName") + ": " + Objects.requireNonNull(detail, "detail"),
                cause);
        this.targetName = targetName;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public String targetName() {
        return targetName;
    }

    /** The message without the leading target name. */
    public String detail() {
        return detail;
    }
}
