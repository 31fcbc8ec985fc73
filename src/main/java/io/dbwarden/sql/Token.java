package io.dbwarden.sql;

import java.util.Objects;

/**
 * One token of a statement as a server's lexer sees it.
 *
 * @param text   what the guard compares: a lower-cased word, the name a quoted identifier denotes, the punctuation
 * @param source the token as written, for messages
 * @param offset index of the token's first character in the SQL text
 */
record Token(TokenKind kind, String text, String source, int offset) {
    Token {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }

    boolean isPunctuation(char c) {
        return kind == TokenKind.PUNCTUATION && text.length() == 1 && text.charAt(0) == c;
    }

    boolean isWord(String word) {
        return kind == TokenKind.WORD && text.equals(word);
    }

    /** {@code at character N}, 1-based, as servers count in their error messages. */
    String where() {
        return "at character " + (offset + 1);
    }
}
