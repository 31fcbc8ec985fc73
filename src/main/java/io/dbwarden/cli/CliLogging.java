package io.dbwarden.cli;

import io.dbwarden.log.LogFormat;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Logging of the {@code dbwarden} process. Everything logs through java.util.logging (the JDBC drivers too, through
 * SLF4J's JDK binding) to stderr, one {@link LogFormat} line per record. Quiet by default: dbwarden's own warnings
 * only, nothing from the drivers, since the report already says what went wrong. {@code --verbose} shows dbwarden's
 * lines down to FINE (connect, collect, evaluate per target, with durations) and the drivers' warnings;
 * {@value #LEVEL_VARIABLE} sets dbwarden's level (and lets the drivers' warnings through) instead.
 */
final class CliLogging {

    static final String LEVEL_VARIABLE = "DBWARDEN_LOG_LEVEL";

    /** What the drivers and libraries may say once logging is asked for: more is their own debugging. */
    private static final Level OTHERS_WHEN_ASKED = Level.WARNING;
    private static final Level DEFAULT = Level.WARNING;
    private static final Level VERBOSE = Level.FINE;

    private static final Map<String, Level> LEVELS = Map.of(
            "off", Level.OFF, "error", Level.SEVERE, "warning", Level.WARNING, "warn", Level.WARNING,
            "info", Level.INFO, "debug", Level.FINE, "trace", Level.FINEST);

    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger OWN = Logger.getLogger("io.dbwarden");
    private static final Logger ROOT = Logger.getLogger("");

    private static volatile boolean installed;
    private static volatile Level requested;

    private CliLogging() {}

    /**
     * Replaces the JDK's default console logging with one stderr handler and the quiet levels.
     *
     * @param level the value of {@value #LEVEL_VARIABLE}, or {@code null} when it is not set
     * @throws IllegalArgumentException naming the variable when the level is not one of the known names
     */
    static void install(PrintStream err, String level) {
        requested = level == null || level.isBlank() ? null : parse(level);
        LogManager.getLogManager().reset();
        Handler handler = new StreamHandler(err, new LogFormat()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(Level.ALL);
        ROOT.addHandler(handler);
        installed = true;
        apply(requested == null ? DEFAULT : requested, requested != null);
    }

    /** {@code --verbose}: only in a process whose logging {@link #install} set up, never in a host such as a test. */
    static void verbose() {
        if (installed) {
            Level own = requested != null && requested.intValue() < VERBOSE.intValue() ? requested : VERBOSE;
            apply(own, true);
        }
    }

    /**
     * {@code serve}: a long-running service says what it does (INFO) and lets other libraries' warnings through,
     * unless {@value #LEVEL_VARIABLE} asked for something else.
     */
    static void service() {
        if (installed && requested == null) {
            apply(Level.INFO, true);
        }
    }

    static Level parse(String text) {
        Level level = LEVELS.get(text.strip().toLowerCase(Locale.ROOT));
        if (level == null) {
            throw new IllegalArgumentException(LEVEL_VARIABLE + "='" + text
                    + "' is not a log level; use off, error, warning, info, debug or trace");
        }
        return level;
    }

    private static void apply(Level own, boolean others) {
        OWN.setLevel(own);
        ROOT.setLevel(!others ? Level.OFF
                : own.intValue() > OTHERS_WHEN_ASKED.intValue() ? own : OTHERS_WHEN_ASKED);
    }
}
