package io.dbwarden.service;

import io.dbwarden.app.ServiceConfig;
import io.dbwarden.check.CatalogHolder;
import io.dbwarden.store.Store;
import java.time.Clock;
import java.time.Instant;

/** What every part of the service shares: the configuration, the store, the one clock, the catalog, the engine. */
record ServiceContext(ServiceConfig config, Store store, Clock clock, CatalogHolder catalogs, EngineGateway engine) {

    Instant now() {
        return clock.instant();
    }

    /** The catalog as loaded now with the settings stored now. */
    EffectiveCatalog effective() {
        return EffectiveCatalog.of(catalogs.catalog(), store.checkSettings().list(), config.checks(), config.intervals());
    }
}
