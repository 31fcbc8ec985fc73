package io.dbwarden.check;

import java.util.List;
import java.util.stream.Collectors;

/** A check file that cannot be loaded; every problem names its file, line and column. */
public final class CheckFileException extends Exception {

    private final List<CheckProblem> problems;

    public CheckFileException(List<CheckProblem> problems) {
        super(problems.stream().map(CheckProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<CheckProblem> problems() {
        return problems;
    }
}
