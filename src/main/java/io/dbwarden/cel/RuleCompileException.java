package io.dbwarden.cel;

import java.util.List;

/** A rule that does not parse or type-check; each problem carries its position inside the rule. */
public final class RuleCompileException extends Exception {

    /** A problem at a 1-based line and column of the rule text. */
    public record Problem(int line, int column, String message) {}

    private final List<Problem> problems;

    public RuleCompileException(List<Problem> problems) {
        super(problems.isEmpty() ? "rule does not compile" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
