package io.dbwarden.log;

import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per record, whoever logged it: instant, level, logger, then the message. dbwarden's own messages are
 * already {@link LogLine}s; anyone else's (a driver's, Jetty's) becomes {@code msg="…"}, escaped, so a record never
 * spans lines. A throwable adds {@code exception="Type: message"} and never its stack trace.
 */
public final class LogFormat extends Formatter {

    private static final String OWN_LOGGERS = "io.dbwarden";

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128)
                .append(Instant.ofEpochMilli(record.getMillis())).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName() == null ? "-" : record.getLoggerName()).append(' ');
        String message = formatMessage(record);
        if (isOwn(record) && message.indexOf('\n') < 0 && message.indexOf('\r') < 0) {
            line.append(message);
        } else {
            line.append("msg=").append(LogLine.quoted(message == null ? "" : message));
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            String text = thrown.getClass().getName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
            line.append(" exception=").append(LogLine.quoted(text));
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static boolean isOwn(LogRecord record) {
        String name = record.getLoggerName();
        return name != null && (name.equals(OWN_LOGGERS) || name.startsWith(OWN_LOGGERS + "."));
    }
}
