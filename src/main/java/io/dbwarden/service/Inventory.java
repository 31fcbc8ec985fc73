package io.dbwarden.service;

import java.util.List;

/** The targets the service watches: from the configuration file (read-only here) and from the API. */
public interface Inventory {

    List<TargetView> list();

    /** @throws ServiceException NOT_FOUND */
    TargetView get(String name);

    /** Adds a target; recorded in the audit log. @throws ServiceException INVALID, CONFLICT (name taken) */
    TargetView create(TargetInput input, String actor);

    /**
     * Replaces a target's definition; recorded in the audit log.
     *
     * @throws ServiceException NOT_FOUND, INVALID, CONFLICT (a target from the configuration file)
     */
    TargetView update(String name, TargetInput input, String actor);

    /**
     * Deletes a target and its per-target check settings; its runs and findings stay as history. Recorded in the
     * audit log.
     *
     * @throws ServiceException NOT_FOUND, CONFLICT (a target from the configuration file)
     */
    void delete(String name, String actor);

    /** Opens a session to the target and reads its version, without running any check. @throws ServiceException NOT_FOUND */
    ConnectionTest testConnection(String name);
}
