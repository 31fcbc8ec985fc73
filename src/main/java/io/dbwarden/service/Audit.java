package io.dbwarden.service;

import java.util.List;
import java.util.Optional;

/** The audit log, newest first. */
public interface Audit {

    /** The most entries one {@link #list} returns. */
    int MAX_PAGE = 1000;

    /** Up to {@code limit} entries (1 to {@link #MAX_PAGE}), older than entry {@code beforeId} when given. */
    List<AuditView> list(int limit, Optional<Long> beforeId);
}
