package io.dbwarden.service;

import java.util.List;

/** Findings and their history, as runs recorded them. */
public interface Findings {

    FindingPage query(FindingFilter filter);

    /** @throws ServiceException NOT_FOUND */
    FindingView get(String fingerprint);

    /** A finding's events, oldest first. @throws ServiceException NOT_FOUND */
    List<FindingHistoryEntry> history(String fingerprint);
}
