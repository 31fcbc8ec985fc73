package io.dbwarden.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version requirement such as {@code >=13}, {@code >=10.4 <11} or {@code <8.0}: every
 * comparison must hold. Missing minor and patch numbers count as zero.
 */
public final class VersionConstraint {

    private static final Pattern TERM = Pattern.compile("(>=|<=|>|<|==|=)?\\s*(\\d+(?:\\.\\d+){0,2})");

    private record Term(String op, ServerVersion bound) {}

    private final String text;
    private final List<Term> terms;

    private VersionConstraint(String text, List<Term> terms) {
        this.text = text;
        this.terms = terms;
    }

    public static VersionConstraint parse(String text) {
        List<Term> terms = new ArrayList<>();
        for (String part : text.trim().split("[\\s,]+")) {
            Matcher m = TERM.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("version requirement '" + text
                        + "' is not a list of comparisons such as '>=13' or '>=10.4 <11'");
            }
            String op = m.group(1) == null ? "=" : m.group(1);
            terms.add(new Term(op, ServerVersion.parse(m.group(2), Flavor.MYSQL)));
        }
        return new VersionConstraint(text.trim(), List.copyOf(terms));
    }

    public boolean matches(ServerVersion v) {
        for (Term t : terms) {
            int c = v.compareTo(t.bound);
            boolean ok = switch (t.op) {
                case ">=" -> c >= 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case "<" -> c < 0;
                default -> c == 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
