/**
 * The service core of {@code dbwarden serve}: {@link io.dbwarden.service.DbwardenService} starts the store, the
 * catalog, the inventory and the scheduler, and offers five facades that the HTTP API and the CLI call —
 * {@link io.dbwarden.service.Inventory} (targets), {@link io.dbwarden.service.CheckSettings} (catalog and settings),
 * {@link io.dbwarden.service.Runs} (run now, run records), {@link io.dbwarden.service.Findings} and
 * {@link io.dbwarden.service.Audit}. They take and return records; refusals are
 * {@link io.dbwarden.service.ServiceException}s with a reason an edge maps to a status. Secrets never leave: targets
 * come back with their DSN redacted.
 */
package io.dbwarden.service;
