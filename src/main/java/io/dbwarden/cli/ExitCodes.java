package io.dbwarden.cli;

/** What a CI pipeline can act on. */
public final class ExitCodes {
    /** Nothing at or above --fail-on. */
    public static final int CLEAN = 0;
    /** Findings at or above --fail-on. */
    public static final int FINDINGS = 1;
    /** Bad arguments, a bad DSN or a broken check file. */
    public static final int USAGE = 2;
    /** A target could not be checked at all. */
    public static final int TARGET_FAILED = 3;

    private ExitCodes() {}
}
