package io.dbwarden.service;

import java.util.List;

/** A run with the items recorded so far, errors and skips with their reasons. */
public record RunDetail(RunView run, List<RunItemView> items) {
    public RunDetail {
        items = List.copyOf(items);
    }
}
