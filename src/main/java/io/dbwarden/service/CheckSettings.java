package io.dbwarden.service;

import java.util.List;
import java.util.Optional;

/** The catalog of checks and the operators' settings of them. */
public interface CheckSettings {

    /** Every check that loaded, by name. */
    List<CheckView> list();

    /** @throws ServiceException NOT_FOUND */
    CheckView get(String name);

    /** Check files that did not load, each with {@code file:line:col}; the other checks run. */
    List<CatalogProblemView> problems();

    /**
     * The setting of a check for every target ({@code target} empty) or one, and what is in force.
     *
     * @throws ServiceException NOT_FOUND (check or target)
     */
    CheckSettingsView settings(String check, Optional<String> target);

    /**
     * Replaces the setting of a check for every target or one; recorded in the audit log with before and after.
     * Disabling a check marks its open findings (of that target, or all) {@code disabled}.
     *
     * @throws ServiceException NOT_FOUND (check or target), INVALID (interval, unknown param)
     */
    CheckSettingsView put(String check, Optional<String> target, SettingsChange change, String actor);
}
