package io.dbwarden.sql;

/** What a token of SQL is, once comments and whitespace are gone; only the distinctions the guard needs. */
enum TokenKind {
    /** An unquoted identifier or keyword; its text is lower-cased (ASCII only, as both servers fold). */
    WORD,
    /** A quoted identifier ({@code "…"}, {@code U&"…"}, {@code `…`}); its text is the name it denotes, escapes undone. */
    QUOTED_NAME,
    /** Any string literal (plain, E, N, B, X, U&, dollar-quoted, MySQL x/b/N and introducer strings). */
    STRING,
    NUMBER,
    /** {@code $1} on PostgreSQL, {@code ?} on MySQL. */
    PARAMETER,
    /** One of {@code ( ) [ ] , ; .} — the characters the guard's rules look at. */
    PUNCTUATION,
    /** Any other character (operators and the rest); one token per character. */
    OTHER
}
