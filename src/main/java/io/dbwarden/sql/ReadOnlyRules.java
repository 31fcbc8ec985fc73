package io.dbwarden.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, on every reading of a {@link TokenGraph}, whether the text is a single statement that only reads: one
 * statement (a final {@code ;} allowed), a read-only first keyword, no keyword that only a write or a lock needs, no
 * {@code INTO}, no {@code ANALYZE}, and no call of a {@link ForbiddenFunctions forbidden function}.
 */
final class ReadOnlyRules {

    /** The statements a check may run; {@code EXPLAIN} only without {@code ANALYZE}. */
    static final Set<String> FIRST_WORDS = Set.of("select", "with", "show", "values", "table", "explain");

    /**
     * Keywords only a writing or locking statement needs. The first-word rule already stops statements that start
     * with them; inside a statement they betray a data-modifying CTE or a locking clause. Used as a name
     * ({@code t.update}, {@code AS update)}, {@code insert(…)}) they pass.
     */
    static final Set<String> WRITE_WORDS = Set.of(
            "insert", "update", "delete", "merge", "truncate", "drop", "create", "alter", "grant", "revoke",
            "copy", "call", "lock", "outfile", "dumpfile", "handler", "kill", "shutdown", "flush", "purge");

    /** Make EXPLAIN run the statement it explains; refused wherever they stand except after {@code name.}. */
    private static final Set<String> ANALYZE = Set.of("analyze", "analyse");

    /** What may follow a keyword-named column or function: {@code update.}, {@code update,}, {@code update)} … */
    private static final Set<String> AFTER_A_NAME = Set.of(".", ",", ")", "=", "(");

    private ReadOnlyRules() {}

    static Optional<String> refusal(TokenGraph g) {
        if (g.starts().contains(TokenGraph.EDGE)) {
            return Optional.of("the query is empty");
        }
        for (int id = 0; id < g.size(); id++) {
            if (g.token(id).isPunctuation(';') && g.successors(id).stream().anyMatch(s -> s != TokenGraph.EDGE)) {
                return Optional.of("a query must be a single statement; the ';' " + g.token(id).where()
                        + " is followed by more");
            }
        }
        Set<String> firstWords = new HashSet<>();
        Optional<String> first = firstWordRefusal(g, firstWords);
        if (first.isPresent()) {
            return first;
        }
        boolean explain = firstWords.contains("explain");
        for (int id = 0; id < g.size(); id++) {
            Optional<String> refusal = refusalAt(g, id, explain);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** Every token a reading may start with, past opening parentheses, must be a read-only statement's keyword. */
    private static Optional<String> firstWordRefusal(TokenGraph g, Set<String> firstWords) {
        List<Integer> todo = new ArrayList<>(g.starts());
        Set<Integer> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            int id = todo.remove(todo.size() - 1);
            if (id == TokenGraph.EDGE || !seen.add(id)) {
                continue;
            }
            Token t = g.token(id);
            if (t.isPunctuation('(') && !g.successors(id).contains(TokenGraph.EDGE)) {
                todo.addAll(g.successors(id));
            } else if (t.isPunctuation(';')) {
                return Optional.of("the query is empty");
            } else if (t.kind() == TokenKind.WORD && FIRST_WORDS.contains(t.text())) {
                firstWords.add(t.text());
            } else {
                return Optional.of("only read-only statements (SELECT, WITH, SHOW, VALUES, TABLE, EXPLAIN) may run;"
                        + " this one starts with '" + t.source() + "'");
            }
        }
        return Optional.empty();
    }

    /** The token against every pair of tokens that may follow it and every pair that may precede it. */
    private static Optional<String> refusalAt(TokenGraph g, int id, boolean explain) {
        boolean afterDot = false;
        boolean unqualified = false;
        for (int p1 : g.predecessors(id)) {
            boolean dot = p1 != TokenGraph.EDGE && g.token(p1).isPunctuation('.');
            afterDot |= dot;
            unqualified |= !dot || g.predecessors(p1).stream().anyMatch(p2 -> p2 == TokenGraph.EDGE
                    || g.token(p2).kind() != TokenKind.WORD && g.token(p2).kind() != TokenKind.QUOTED_NAME);
        }
        for (int n1 : g.successors(id)) {
            if (n1 == TokenGraph.EDGE) {
                Optional<String> refusal = refusalAt(g.token(id), afterDot, unqualified, List.of(), explain);
                if (refusal.isPresent()) {
                    return refusal;
                }
                continue;
            }
            for (int n2 : g.successors(n1)) {
                List<Token> next = n2 == TokenGraph.EDGE ? List.of(g.token(n1)) : List.of(g.token(n1), g.token(n2));
                Optional<String> refusal = refusalAt(g.token(id), afterDot, unqualified, next, explain);
                if (refusal.isPresent()) {
                    return refusal;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param afterDot    some reading puts a {@code .} right before the token
     * @param unqualified some reading does not make the token the second part of {@code name.word}
     * @param next        the one or two tokens that follow in one reading
     */
    private static Optional<String> refusalAt(Token t, boolean afterDot, boolean unqualified, List<Token> next,
                                              boolean explain) {
        Token next1 = next.isEmpty() ? null : next.get(0);
        boolean named = t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_NAME;
        if (named && next1 != null && next1.isPunctuation('(')) {
            Optional<String> reason = ForbiddenFunctions.reason(t.text());
            if (reason.isPresent()) {
                return Optional.of("the query calls " + t.text() + "() " + t.where() + ", which checks may not use: "
                        + reason.get());
            }
        }
        if (explain && t.kind() == TokenKind.QUOTED_NAME && ANALYZE.contains(Words.lowerAscii(t.text()))) {
            return Optional.of("EXPLAIN with the option " + t.source() + " runs the statement it explains; checks only read");
        }
        if (t.kind() != TokenKind.WORD) {
            return Optional.empty();
        }
        String word = t.text();
        if (afterDot && (word.equals("nextval") || word.equals("setval"))) {
            // MariaDB's Oracle mode reads seq.nextval as a call.
            return Optional.of("the query advances a sequence (." + t.source() + ") " + t.where() + "; checks only read");
        }
        if (!unqualified) {
            return Optional.empty();
        }
        if (word.equals("into")) {
            return Optional.of("the query writes its result INTO a table, a file or variables " + t.where()
                    + "; checks only read");
        }
        if (ANALYZE.contains(word)) {
            return Optional.of("EXPLAIN " + t.source() + " runs the statement it explains (" + t.where()
                    + "); checks only read");
        }
        if (WRITE_WORDS.contains(word) && (next1 == null || !AFTER_A_NAME.contains(next1.text()))) {
            return Optional.of("the query contains '" + t.source() + "' " + t.where()
                    + ", which could change the server; checks only read");
        }
        if (word.equals("for") && takesRowLocks(next)) {
            return Optional.of("the query takes row locks (FOR UPDATE / FOR SHARE) " + t.where() + "; checks only read");
        }
        if (word.equals("next") && isWord(next, 0, "value") && isWord(next, 1, "for")) {
            return Optional.of("the query advances a sequence (NEXT VALUE FOR) " + t.where() + "; checks only read");
        }
        return Optional.empty();
    }

    /** {@code FOR UPDATE}, {@code FOR SHARE}, {@code FOR NO KEY UPDATE}, {@code FOR KEY SHARE}. */
    private static boolean takesRowLocks(List<Token> next) {
        return isWord(next, 0, "update") || isWord(next, 0, "share")
                || isWord(next, 0, "no") && isWord(next, 1, "key")
                || isWord(next, 0, "key") && isWord(next, 1, "share");
    }

    private static boolean isWord(List<Token> tokens, int k, String word) {
        return k < tokens.size() && tokens.get(k).isWord(word);
    }
}
