package io.dbwarden.check;

import java.util.List;

/**
 * What loading the checks gave: the selected checks that compiled, every definition that parsed (selected
 * or not), and the problems met, each with its file, line and column. A service serves {@code catalog}
 * and shows {@code problems}; the command line is strict and refuses to run with any problem.
 */
public record CatalogLoad(Catalog catalog, List<CheckDefinition> definitions, List<CheckProblem> problems) {

    public CatalogLoad {
        definitions = List.copyOf(definitions);
        problems = List.copyOf(problems);
    }

    /** The catalog, or every problem as one exception when there is any. */
    public Catalog strict() throws CheckFileException {
        if (!problems.isEmpty()) {
            throw new CheckFileException(problems);
        }
        return catalog;
    }
}
