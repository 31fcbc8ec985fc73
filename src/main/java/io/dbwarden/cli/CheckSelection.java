package io.dbwarden.cli;

import io.dbwarden.check.Check;
import java.util.List;
import java.util.regex.Pattern;

/** Chooses checks by name with shell-style globs: {@code mysql_*}, {@code *_tls_*,postgresql_hba_*}. */
final class CheckSelection {

    private CheckSelection() {}

    static List<Check> select(List<Check> all, String include, String exclude) {
        Pattern in = include == null ? null : globs(include);
        Pattern out = exclude == null ? null : globs(exclude);
        List<Check> chosen = all.stream()
                .filter(c -> in == null || in.matcher(c.name()).matches())
                .filter(c -> out == null || !out.matcher(c.name()).matches())
                .toList();
        if (include != null && chosen.isEmpty()) {
            throw new IllegalArgumentException("no check matches --checks '" + include + "'"
                    + (exclude == null ? "" : " after --exclude '" + exclude + "'"));
        }
        return chosen;
    }

    static Pattern globs(String globs) {
        StringBuilder regex = new StringBuilder();
        for (String glob : globs.split(",")) {
            if (glob.isBlank()) {
                continue;
            }
            regex.append(regex.isEmpty() ? "" : "|").append('(');
            for (char c : glob.trim().toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            regex.append(')');
        }
        return Pattern.compile(regex.toString());
    }
}
