package io.dbwarden.api;

import io.dbwarden.service.CatalogProblemView;

/** A check file that did not load; {@code location} is {@code file:line:col} as editors read it. */
record ProblemJson(String file, int line, int column, String message, String location) {

    static ProblemJson of(CatalogProblemView p) {
        return new ProblemJson(p.file(), p.line(), p.column(), p.message(),
                p.file() + ":" + p.line() + ":" + p.column());
    }
}
