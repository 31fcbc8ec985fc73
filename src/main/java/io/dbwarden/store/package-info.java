/**
 * The service's store: {@link io.dbwarden.store.Store} opens an embedded H2 file or a PostgreSQL database, applies
 * the Flyway migrations in {@code db/migration} (one SQL set for both; H2 runs in PostgreSQL mode) and hands out one
 * small DAO per concept. Each DAO call is its own transaction; {@link io.dbwarden.store.Store#transaction} groups
 * several, and {@link io.dbwarden.store.RunDao#recordItems} writes a batch of run results (items, findings, history,
 * progress) atomically.
 *
 * <p>Time comes from the callers as instants; the store keeps microseconds. Target DSNs hold password references;
 * an inline password is refused unless a secret key file is configured, then kept AES-256-GCM-encrypted. db-scheduler's
 * {@code scheduled_tasks} table is part of the schema; {@link io.dbwarden.store.Store#dataSource()} is its pool.
 */
package io.dbwarden.store;
