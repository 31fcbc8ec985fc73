package io.dbwarden.store;

/** What {@link Store#prune} deleted. */
public record PruneResult(int runs, int findings, int historyEvents, int silences) {
}
