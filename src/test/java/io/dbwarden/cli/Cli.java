package io.dbwarden.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err, long millis) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), false, args);
        return new Cli(code, out.toString(), err.toString(), (System.nanoTime() - t0) / 1_000_000);
    }

    String all() {
        return out + err;
    }
}
