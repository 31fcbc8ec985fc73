package io.dbwarden.web;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Everything logged through java.util.logging (and so SLF4J, Javalin and Jetty) while it is open, at every level. */
final class LogCapture extends Handler implements AutoCloseable {

    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger WEB = Logger.getLogger("io.dbwarden.web");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level previousWebLevel = WEB.getLevel();

    LogCapture() {
        setLevel(Level.ALL);
        WEB.setLevel(Level.ALL);
        ROOT.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    List<String> messages() {
        return records.stream().map(r -> r.getMessage()).toList();
    }

    /** Messages with their exceptions' stack traces, as a log file would show them. */
    String all() {
        StringBuilder out = new StringBuilder();
        for (LogRecord record : records) {
            out.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(' ')
                    .append(record.getMessage()).append('\n');
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                out.append(trace);
            }
        }
        return out.toString();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        ROOT.removeHandler(this);
        WEB.setLevel(previousWebLevel);
    }
}
