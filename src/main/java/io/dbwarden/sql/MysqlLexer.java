package io.dbwarden.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits SQL into tokens as MariaDB's lexer ({@code Lex_input_stream::lex_one_token} in {@code sql/sql_lex.cc}) does,
 * in every way a MySQL or MariaDB server may read the same text:
 *
 * <ul>
 *   <li>{@code sql_mode} changes the lexer: {@code ANSI_QUOTES} makes {@code "…"} a name, {@code NO_BACKSLASH_ESCAPES}
 *       takes the escapes out of strings. A server's mode is not known in advance, so all four combinations are read.
 *   <li>{@code /*!…*}{@code /} is code on every server. {@code /*!NNNNN …*}{@code /} is code on a server at least that
 *       version and a comment on the others; MariaDB reads five or six digits, MySQL may read five.
 *       {@code /*M!…*}{@code /} is code on MariaDB and a plain comment on MySQL. Such a comment becomes a
 *       {@link TokenGraph.Choice choice}; when its readings would end it at different places (quotes or comments
 *       inside) the text is refused, as is one executable comment inside another.
 *   <li>{@code --} starts a comment only when the next byte is a space or a control character, or the text ends. A
 *       non-ASCII character after it is refused: whether its first byte is a space depends on the client character
 *       set (MariaDB with utf8mb4 says no, so {@code --\u2028} is two minus signs and a name).
 *   <li>{@code #} comments end at {@code \n} only.
 * </ul>
 *
 * <p>{@code [} outside literals is refused: MariaDB's {@code MSSQL} mode quotes names with {@code […]}. So are
 * {@link Hints optimizer hints}.
 */
final class MysqlLexer {

    /** The sql_mode flags that change how the lexer reads text. */
    private record Modes(boolean ansiQuotes, boolean backslashEscapes) {
        String describe() {
            List<String> flags = new ArrayList<>();
            if (ansiQuotes) {
                flags.add("ANSI_QUOTES");
            }
            if (!backslashEscapes) {
                flags.add("NO_BACKSLASH_ESCAPES");
            }
            return flags.isEmpty() ? "" : "with sql_mode " + String.join(",", flags);
        }
    }

    private static final List<Modes> ALL_MODES = List.of(
            new Modes(false, true), new Modes(true, true), new Modes(false, false), new Modes(true, false));

    private final String sql;
    private final int n;
    private final Modes modes;
    private final List<TokenGraph.Part> parts = new ArrayList<>();
    private int i;

    private MysqlLexer(String sql, Modes modes) {
        this.sql = sql;
        this.n = sql.length();
        this.modes = modes;
    }

    /** Every sql_mode reading of the text, MariaDB's default mode first. */
    static List<Reading> readings(String sql) {
        List<Reading> readings = new ArrayList<>();
        for (Modes modes : ALL_MODES) {
            MysqlLexer lexer = new MysqlLexer(sql, modes);
            try {
                lexer.flush(lexer.code(false));
                readings.add(Reading.of(modes.describe(), TokenGraph.of(lexer.parts)));
            } catch (UnreadableSqlException e) {
                readings.add(Reading.unreadable(modes.describe(), e));
            }
        }
        return readings;
    }

    /**
     * Reads code from {@link #i}: to the end of the text at the top level, or inside an executable comment to the
     * {@code *}{@code /} that closes it (then {@link #i} is past it). At the top level, tokens before a version
     * comment go to {@link #parts} and the rest are returned.
     */
    private List<Token> code(boolean executable) throws UnreadableSqlException {
        List<Token> out = new ArrayList<>();
        int opened = i;
        while (i < n) {
            char c = sql.charAt(i);
            char next = at(i + 1);
            if (isSpace(c)) {
                i++;
            } else if (c == '#' || c == '-' && next == '-' && dashDashStartsComment(i + 2)) {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && next == '*' && (at(i + 2) == '!' || at(i + 2) == 'M' && at(i + 3) == '!')) {
                if (executable) {
                    throw new UnreadableSqlException("the executable comment at character " + (i + 1)
                            + " is inside another one");
                }
                flush(out);
                out = new ArrayList<>();
                executableComment();
            } else if (c == '/' && next == '*') {
                Hints.refuseAt(sql, i);
                i = skipComment(i + 2, 0);
            } else if (c == '*' && next == '/' && executable) {
                i += 2;
                return out;
            } else if (c == '\'') {
                out.add(string(i, i));
            } else if (c == '"') {
                out.add(modes.ansiQuotes() ? quotedName(i) : string(i, i));
            } else if (c == '`') {
                out.add(quotedName(i));
            } else if ("xXbBnN".indexOf(c) >= 0 && next == '\'') {
                out.add(string(i, i + 1));
            } else if (c == '[') {
                throw new UnreadableSqlException("'[' at character " + (i + 1)
                        + " is not MySQL syntax (MariaDB's MSSQL mode reads […] as a quoted name)");
            } else if (isIdentChar(c)) {
                out.add(identifierOrNumber());
            } else if (c == '.' && isDigit(next)) {
                out.add(fraction(i));
            } else {
                TokenKind kind = c == '?' ? TokenKind.PARAMETER
                        : Words.isPunctuation(c) ? TokenKind.PUNCTUATION : TokenKind.OTHER;
                out.add(simple(kind, i, i + 1));
                i++;
            }
        }
        if (executable) {
            throw new UnreadableSqlException("the executable comment at character " + (opened + 1)
                    + " is never closed");
        }
        return out;
    }

    private void flush(List<Token> tokens) {
        tokens.forEach(t -> parts.add(new TokenGraph.Fixed(t)));
    }

    /** {@code my_isspace || my_iscntrl} on the byte after {@code --}; the end of the text (a NUL byte) counts. */
    private boolean dashDashStartsComment(int k) throws UnreadableSqlException {
        if (k >= n) {
            return true;
        }
        char c = sql.charAt(k);
        if (c >= 0x80) {
            throw new UnreadableSqlException(String.format("'--' at character %d is followed by U+%04X: some"
                    + " servers read a comment there, others two minus signs", k - 1, (int) c));
        }
        return c <= 0x20 || c == 0x7F;
    }

    /**
     * {@code /*!}, {@code /*!NNNNN}, {@code /*M!} or {@code /*M!NNNNN} at {@link #i}: a fixed run of tokens when every
     * server runs it, else a choice between its code (after each number of version digits a server may read) and
     * nothing, which every reading must end at the same place.
     */
    private void executableComment() throws UnreadableSqlException {
        int start = i;
        boolean maria = at(i + 2) == 'M';
        int content = i + (maria ? 4 : 3);
        int digits = 0;
        while (digits < 6 && isDigit(at(content + digits))) {
            digits++;
        }
        String marker = "'" + sql.substring(start, content + digits) + "' at character " + (start + 1);
        List<List<Token>> alternatives = new ArrayList<>();
        Set<Integer> ends = new HashSet<>();
        if (digits < 5) {
            i = content;
            List<Token> code = code(true);
            if (!maria) {
                flush(code);
                return;
            }
            alternatives.add(code);
            ends.add(i);
        } else {
            i = content + digits;
            alternatives.add(code(true));
            ends.add(i);
            if (digits == 6) {
                i = content + 5;
                alternatives.add(code(true));
                ends.add(i);
            }
            // A server older than the version skips the comment, which may then hold one nested comment.
            ends.add(skipComment(start + 2, 1));
        }
        alternatives.add(List.of());
        if (maria) {
            ends.add(skipComment(start + 2, 0));
        }
        if (ends.size() > 1) {
            throw new UnreadableSqlException("the version comment " + marker + " ends at different places"
                    + " depending on the server (quotes or comments inside it); checks may not use it");
        }
        i = ends.iterator().next();
        parts.add(new TokenGraph.Choice(alternatives));
    }

    /**
     * Index after the {@code *}{@code /} that closes a comment whose text starts at {@code from}; a skipped version
     * comment may hold {@code nesting} (one) nested comment, a plain comment none.
     */
    private int skipComment(int from, int nesting) throws UnreadableSqlException {
        int j = from;
        while (j < n) {
            if (nesting > 0 && sql.charAt(j) == '/' && at(j + 1) == '*') {
                j = skipComment(j + 2, nesting - 1);
            } else if (sql.charAt(j) == '*' && at(j + 1) == '/') {
                return j + 2;
            } else {
                j++;
            }
        }
        throw new UnreadableSqlException("the /* comment at character " + (from - 1) + " is never closed");
    }

    /** A string whose opening quote is at {@code quote} and whose token starts at {@code start} (an x/b/N prefix). */
    private Token string(int start, int quote) throws UnreadableSqlException {
        char q = sql.charAt(quote);
        int j = quote + 1;
        while (true) {
            if (j >= n) {
                throw new UnreadableSqlException("the string at character " + (start + 1) + " is never closed");
            }
            char ch = sql.charAt(j);
            if (ch == '\\' && modes.backslashEscapes()) {
                j += 2;
            } else if (ch == q && at(j + 1) == q) {
                j += 2;
            } else if (ch == q) {
                i = j + 1;
                return simple(TokenKind.STRING, start, i);
            } else {
                j++;
            }
        }
    }

    private Token quotedName(int start) throws UnreadableSqlException {
        char q = sql.charAt(start);
        StringBuilder name = new StringBuilder();
        int j = start + 1;
        while (true) {
            if (j >= n) {
                throw new UnreadableSqlException("the quoted name at character " + (start + 1) + " is never closed");
            }
            char ch = sql.charAt(j);
            if (ch == q && at(j + 1) == q) {
                name.append(q);
                j += 2;
            } else if (ch == q) {
                break;
            } else {
                name.append(ch);
                j++;
            }
        }
        i = j + 1;
        return new Token(TokenKind.QUOTED_NAME, name.toString(), sql.substring(start, i), start);
    }

    /**
     * Digits are a number unless identifier characters follow ({@code 1abc} is a name), except an exponent
     * ({@code 1e5}, {@code 1e+5}); a decimal point makes a decimal ({@code 1.}, {@code 1.5e3}).
     */
    private Token identifierOrNumber() {
        int start = i;
        if (isDigit(sql.charAt(i))) {
            while (i < n && isDigit(sql.charAt(i))) {
                i++;
            }
            char c = at(i);
            if (!isIdentChar(c)) {
                return c == '.' && at(i + 1) != '.' ? fraction(start) : simple(TokenKind.NUMBER, start, i);
            }
            int exponent = c == 'e' || c == 'E' ? exponentLength(i) : 0;
            if (exponent > 0) {
                i += exponent;
                return simple(TokenKind.NUMBER, start, i);
            }
        }
        while (i < n && isIdentChar(sql.charAt(i))) {
            i++;
        }
        String word = sql.substring(start, i);
        return new Token(TokenKind.WORD, Words.lowerAscii(word), word, start);
    }

    /** A decimal from {@code start} whose point is at {@link #i}. */
    private Token fraction(int start) {
        i++;
        while (i < n && isDigit(sql.charAt(i))) {
            i++;
        }
        if (at(i) == 'e' || at(i) == 'E') {
            i += exponentLength(i);
        }
        return simple(TokenKind.NUMBER, start, i);
    }

    /** Length of {@code e[+-]digits} at {@code k}, 0 when there is no digit. */
    private int exponentLength(int k) {
        int j = k + 1;
        if (at(j) == '+' || at(j) == '-') {
            j++;
        }
        if (!isDigit(at(j))) {
            return 0;
        }
        while (isDigit(at(j))) {
            j++;
        }
        return j - k;
    }

    private Token simple(TokenKind kind, int start, int end) {
        String text = sql.substring(start, end);
        return new Token(kind, text, text, start);
    }

    private char at(int k) {
        return k < n ? sql.charAt(k) : '\0';
    }

    /** {@code my_isspace} for ASCII: tab, newline, vertical tab, form feed, carriage return, space. */
    private static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Letters, digits, {@code _}, {@code $} and every multi-byte character. */
    private static boolean isIdentChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }
}
