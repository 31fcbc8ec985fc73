package io.dbwarden.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into tokens as PostgreSQL's scanner ({@code src/backend/parser/scan.l}) does, and the grammar's
 * {@code UESCAPE} look-ahead after it. The points where a careless reading goes wrong:
 *
 * <ul>
 *   <li>{@code --} comments end at {@code \n} or {@code \r}; {@code /* *}{@code /} comments nest.
 *   <li>A prefix ({@code E}, {@code B}, {@code X}, {@code N}, {@code U&}) changes a literal only at the start of a
 *       token: in {@code name'\'} the {@code e} belongs to the identifier and the string is a plain one.
 *   <li>Plain strings have backslash escapes only when {@code standard_conforming_strings} is off; E-strings always.
 *   <li>Two literals separated by whitespace that holds a newline are one literal, read on in the first one's mode.
 *   <li>Bit and hex strings ({@code B'…'}, {@code X'…'}) know no doubled quote: {@code B'0''…'} is two literals.
 *   <li>Identifiers may hold {@code $} and any non-ASCII character, so {@code x$a$…} is an identifier, and a dollar
 *       quote starts only where a token starts.
 *   <li>A quoted identifier names what its content says, escapes undone: {@code "set_config"},
 *       {@code U&"set\005fconfig"}, {@code U&"set!005fconfig" UESCAPE '!'}.
 * </ul>
 *
 * <p>Vertical tab is whitespace here as in PostgreSQL 16; PostgreSQL 15 rejects it outside literals, so that
 * reading costs nothing. {@link Hints Optimizer hints} are refused.
 */
final class PostgresLexer {

    /** How a literal treats backslashes and doubled quotes. */
    private enum Quoting {
        /** {@code ''} is a quote; a backslash is a backslash. */
        STANDARD,
        /** {@code ''} and {@code \'} are quotes; a backslash escapes any character. */
        BACKSLASH,
        /** The first {@code '} ends the literal. */
        BITS
    }

    private record UnicodeName(int tokenIndex, String raw) {}

    private final String sql;
    private final int n;
    private final boolean standardConformingStrings;
    private final List<Token> tokens = new ArrayList<>();
    private final List<UnicodeName> unicodeNames = new ArrayList<>();
    private int i;

    private PostgresLexer(String sql, boolean standardConformingStrings) {
        this.sql = sql;
        this.n = sql.length();
        this.standardConformingStrings = standardConformingStrings;
    }

    /** Every reading PostgreSQL may give the text: {@code standard_conforming_strings} on (the default) and off. */
    static List<Reading> readings(String sql) {
        return List.of(reading(sql, true, ""), reading(sql, false, "with standard_conforming_strings off"));
    }

    private static Reading reading(String sql, boolean standardConformingStrings, String how) {
        try {
            return Reading.of(how, TokenGraph.chain(tokens(sql, standardConformingStrings)));
        } catch (UnreadableSqlException e) {
            return Reading.unreadable(how, e);
        }
    }

    static List<Token> tokens(String sql, boolean standardConformingStrings) throws UnreadableSqlException {
        PostgresLexer lexer = new PostgresLexer(sql, standardConformingStrings);
        lexer.run();
        lexer.resolveUnicodeNames();
        return List.copyOf(lexer.tokens);
    }

    private void run() throws UnreadableSqlException {
        while (i < n) {
            char c = sql.charAt(i);
            char next = at(i + 1);
            if (isSpace(c)) {
                i++;
            } else if (c == '-' && next == '-') {
                while (i < n && !isNewline(sql.charAt(i))) {
                    i++;
                }
            } else if (c == '/' && next == '*') {
                Hints.refuseAt(sql, i);
                skipBlockComment();
            } else if (c == '\'') {
                literal(i, standardConformingStrings ? Quoting.STANDARD : Quoting.BACKSLASH);
            } else if ((c == 'e' || c == 'E') && next == '\'') {
                literal(i + 1, Quoting.BACKSLASH);
            } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && next == '\'') {
                literal(i + 1, Quoting.BITS);
            } else if ((c == 'n' || c == 'N') && next == '\'') {
                literal(i + 1, standardConformingStrings ? Quoting.STANDARD : Quoting.BACKSLASH);
            } else if ((c == 'u' || c == 'U') && next == '&' && at(i + 2) == '\'') {
                // With standard_conforming_strings off the server rejects U&'…' outright.
                literal(i + 2, Quoting.STANDARD);
            } else if ((c == 'u' || c == 'U') && next == '&' && at(i + 2) == '"') {
                quotedName(i + 2, true);
            } else if (c == '"') {
                quotedName(i, false);
            } else if (c == '$') {
                dollar();
            } else if (isIdentStart(c)) {
                int start = i;
                while (i < n && isIdentCont(sql.charAt(i))) {
                    i++;
                }
                String word = sql.substring(start, i);
                tokens.add(new Token(TokenKind.WORD, Words.lowerAscii(word), word, start));
            } else if (isDigit(c) || c == '.' && isDigit(next)) {
                number();
            } else {
                tokens.add(simple(Words.isPunctuation(c) ? TokenKind.PUNCTUATION : TokenKind.OTHER, i, i + 1));
                i++;
            }
        }
    }

    private void skipBlockComment() throws UnreadableSqlException {
        int start = i;
        int depth = 0;
        while (i < n) {
            if (sql.charAt(i) == '/' && at(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && at(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
        throw new UnreadableSqlException("the /* comment at character " + (start + 1) + " is never closed");
    }

    /** A literal whose opening quote is at {@code quote}; the token starts at {@link #i} (its prefix, if any). */
    private void literal(int quote, Quoting quoting) throws UnreadableSqlException {
        int start = i;
        int j = quote + 1;
        while (true) {
            if (j >= n) {
                throw new UnreadableSqlException("the string at character " + (start + 1) + " is never closed");
            }
            char ch = sql.charAt(j);
            if (ch == '\\' && quoting == Quoting.BACKSLASH) {
                j += 2;
            } else if (ch == '\'' && quoting != Quoting.BITS && at(j + 1) == '\'') {
                j += 2;
            } else if (ch == '\'') {
                int continued = continuation(j + 1);
                if (continued < 0) {
                    i = j + 1;
                    tokens.add(simple(TokenKind.STRING, start, i));
                    return;
                }
                j = continued + 1;
            } else {
                j++;
            }
        }
    }

    /**
     * The quote that continues a literal ended just before {@code from}: whitespace holding at least one newline
     * ({@code --} comments count as whitespace, block comments do not), then a quote. -1 when there is none.
     */
    private int continuation(int from) {
        int k = from;
        boolean newline = false;
        while (k < n) {
            char ch = sql.charAt(k);
            if (isNewline(ch)) {
                newline = true;
                k++;
            } else if (isSpace(ch)) {
                k++;
            } else if (ch == '-' && at(k + 1) == '-') {
                while (k < n && !isNewline(sql.charAt(k))) {
                    k++;
                }
            } else {
                break;
            }
        }
        return newline && k < n && sql.charAt(k) == '\'' ? k : -1;
    }

    private void quotedName(int quote, boolean unicode) throws UnreadableSqlException {
        int start = i;
        StringBuilder name = new StringBuilder();
        int j = quote + 1;
        while (true) {
            if (j >= n) {
                throw new UnreadableSqlException("the quoted name at character " + (start + 1) + " is never closed");
            }
            char ch = sql.charAt(j);
            if (ch == '"' && at(j + 1) == '"') {
                name.append('"');
                j += 2;
            } else if (ch == '"') {
                break;
            } else {
                name.append(ch);
                j++;
            }
        }
        i = j + 1;
        if (name.isEmpty()) {
            throw new UnreadableSqlException("the quoted name at character " + (start + 1) + " is empty");
        }
        if (unicode) {
            unicodeNames.add(new UnicodeName(tokens.size(), name.toString()));
        }
        tokens.add(new Token(TokenKind.QUOTED_NAME, name.toString(), sql.substring(start, i), start));
    }

    /** {@code $1} is a parameter, {@code $tag$} opens a dollar quote, and a lone {@code $} is an error for the server. */
    private void dollar() throws UnreadableSqlException {
        int start = i;
        if (isDigit(at(i + 1))) {
            i++;
            while (i < n && isDigit(sql.charAt(i))) {
                i++;
            }
            tokens.add(simple(TokenKind.PARAMETER, start, i));
            return;
        }
        int j = i + 1;
        if (j < n && isIdentStart(sql.charAt(j))) {
            while (j < n && isIdentStart(sql.charAt(j)) || j < n && isDigit(sql.charAt(j))) {
                j++;
            }
        }
        if (at(j) != '$') {
            tokens.add(simple(TokenKind.OTHER, start, start + 1));
            i++;
            return;
        }
        String tag = sql.substring(start, j + 1);
        int end = sql.indexOf(tag, j + 1);
        if (end < 0) {
            throw new UnreadableSqlException("the " + tag + " quote at character " + (start + 1) + " is never closed");
        }
        i = end + tag.length();
        tokens.add(simple(TokenKind.STRING, start, i));
    }

    /** Integer, decimal ({@code 1.}, {@code .5}) or real; {@code 1..2} is an integer followed by dots. */
    private void number() {
        int start = i;
        while (i < n && isDigit(sql.charAt(i))) {
            i++;
        }
        if (at(i) == '.' && at(i + 1) != '.') {
            i++;
            while (i < n && isDigit(sql.charAt(i))) {
                i++;
            }
        }
        if (at(i) == 'e' || at(i) == 'E') {
            int k = i + 1;
            if (at(k) == '+' || at(k) == '-') {
                k++;
            }
            if (isDigit(at(k))) {
                i = k;
                while (i < n && isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        tokens.add(simple(TokenKind.NUMBER, start, i));
    }

    /**
     * Applies {@code UESCAPE 'c'} (default {@code \}) to each {@code U&"…"} name, as the server's grammar does, and
     * folds the clause into the name's token so that a call reads {@code name(}.
     */
    private void resolveUnicodeNames() throws UnreadableSqlException {
        for (int u = unicodeNames.size() - 1; u >= 0; u--) {
            UnicodeName name = unicodeNames.get(u);
            Token token = tokens.get(name.tokenIndex());
            char escape = '\\';
            int after = name.tokenIndex() + 1;
            if (after < tokens.size() && tokens.get(after).isWord("uescape")) {
                Token value = after + 1 < tokens.size() ? tokens.get(after + 1) : null;
                if (value == null || value.kind() != TokenKind.STRING || !isOneCharacterString(value.text())) {
                    throw new UnreadableSqlException("UESCAPE " + token.where() + " must be followed by a one-character string");
                }
                escape = value.text().charAt(1);
                if (escape >= 0x80 || Character.digit(escape, 16) >= 0 || escape == '+' || escape == '\''
                        || escape == '"' || isSpace(escape)) {
                    throw new UnreadableSqlException("UESCAPE " + token.where() + " names an escape character the server refuses");
                }
                tokens.subList(after, after + 2).clear();
            }
            tokens.set(name.tokenIndex(), new Token(TokenKind.QUOTED_NAME, decodeUnicode(name.raw(), escape, token),
                    token.source(), token.offset()));
        }
    }

    private static boolean isOneCharacterString(String literal) {
        return literal.length() == 3 && literal.charAt(0) == '\'' && literal.charAt(2) == '\'' && literal.charAt(1) != '\'';
    }

    private static String decodeUnicode(String raw, char escape, Token token) throws UnreadableSqlException {
        StringBuilder out = new StringBuilder(raw.length());
        int k = 0;
        while (k < raw.length()) {
            char ch = raw.charAt(k);
            if (ch != escape) {
                out.append(ch);
                k++;
            } else if (k + 1 < raw.length() && raw.charAt(k + 1) == escape) {
                out.append(escape);
                k += 2;
            } else {
                boolean six = k + 1 < raw.length() && raw.charAt(k + 1) == '+';
                int digitsAt = six ? k + 2 : k + 1;
                int digits = six ? 6 : 4;
                int codePoint = hex(raw, digitsAt, digits);
                if (codePoint <= 0 || codePoint > Character.MAX_CODE_POINT) {
                    throw new UnreadableSqlException("the U&\"…\" name " + token.where() + " has an invalid Unicode escape");
                }
                if (Character.isSurrogate((char) codePoint) && codePoint <= Character.MAX_VALUE) {
                    out.append((char) codePoint);
                } else {
                    out.appendCodePoint(codePoint);
                }
                k = digitsAt + digits;
            }
        }
        return out.toString();
    }

    private static int hex(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int value = 0;
        for (int k = from; k < from + count; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0 || s.charAt(k) > 'f') {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }

    private Token simple(TokenKind kind, int start, int end) {
        String text = sql.substring(start, end);
        return new Token(kind, text, text, start);
    }

    private char at(int k) {
        return k < n ? sql.charAt(k) : '\0';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code [A-Za-z\200-\377_]}: every byte of a non-ASCII character counts as a letter. */
    private static boolean isIdentStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isIdentCont(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }
}
