package io.dbwarden.service;

import java.util.List;
import java.util.Optional;

/** Runs: "run now", and the record of every run, scheduled or manual. */
public interface Runs {

    /** The most runs one {@link #list} returns. */
    int MAX_PAGE = 1000;

    /**
     * Queues a manual run and returns its id at once; it runs in the background. A run asked for while a scheduled one
     * checks the same target waits for it (queued, not lost or doubled).
     *
     * @param requestedBy the caller's name, recorded with the run
     * @throws ServiceException NOT_FOUND (an unknown target or check), INVALID (the check does not apply to the
     *                          target's engine, or is disabled everywhere the scope reaches)
     */
    long start(RunScope scope, String requestedBy);

    /** Up to {@code limit} runs (1 to {@link #MAX_PAGE}), newest first, older than run {@code beforeId} when given. */
    List<RunView> list(int limit, Optional<Long> beforeId);

    /** @throws ServiceException NOT_FOUND */
    RunDetail get(long id);
}
