package io.dbwarden.check;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The catalog a long-running service serves, with the problems of its last load. {@link #reload()} reads
 * the files again and swaps the whole {@link CatalogLoad} in at once: a reader sees the old catalog or the
 * new one, never a mix, and a run that took the old one keeps it to the end. Thread-safe.
 */
public final class CatalogHolder {

    private final CatalogLoader loader;
    private final CheckSelection selection;
    private final AtomicReference<CatalogLoad> current;

    /** Loads the catalog once; problems do not prevent it, they are kept with it. */
    public CatalogHolder(CatalogLoader loader, CheckSelection selection) {
        this.loader = loader;
        this.selection = selection;
        this.current = new AtomicReference<>(loader.load(selection));
    }

    /** The last load: its checks and its problems, consistent with each other. */
    public CatalogLoad current() {
        return current.get();
    }

    public Catalog catalog() {
        return current.get().catalog();
    }

    /**
     * Loads again and replaces the catalog with the checks that load now; returns this load's problems. Reloads
     * run one at a time, so a slow one cannot overwrite a later one.
     */
    public synchronized List<CheckProblem> reload() {
        CatalogLoad next = loader.load(selection);
        current.set(next);
        return next.problems();
    }
}
