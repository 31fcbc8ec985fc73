package io.dbwarden.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Bridges formatters that write to a PrintStream and picocli's PrintWriter streams. */
final class Output {

    private Output() {}

    static void write(PrintWriter target, Consumer<PrintStream> producer) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            producer.accept(stream);
        }
        target.print(buffer.toString(StandardCharsets.UTF_8));
        target.flush();
    }
}
