package io.dbwarden.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cuts prose down to a one-liner. */
final class Sentences {

    // A sentence ends at . ! or ? followed by blanks and something that starts a sentence, so "e.g. the" and "13.4" do not cut.
    private static final Pattern END = Pattern.compile("[.!?](?=\\s+[A-Z0-9{\"'`(])");

    private Sentences() {}

    /** The first sentence of {@code text} on one line, whitespace collapsed. */
    static String first(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        Matcher m = END.matcher(flat);
        return m.find() ? flat.substring(0, m.end()) : flat;
    }
}
