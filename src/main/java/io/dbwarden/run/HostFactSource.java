package io.dbwarden.run;

import io.dbwarden.collect.FactOutcome;
import io.dbwarden.collect.FactSource;
import io.dbwarden.host.HostFactsResolver;
import io.dbwarden.host.HostFactsResult;
import io.dbwarden.target.Target;
import io.dbwarden.version.ServerVersion;

/** The built-in fact {@code host}, from what the target declares about its host, its node_exporter or /proc. */
final class HostFactSource implements FactSource {

    private final HostFactsResolver resolver;

    HostFactSource(HostFactsResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public FactOutcome read(Target target, ServerVersion version) {
        HostFactsResult result = resolver.resolve(target.host(), target.dsn().isLocal());
        return result.facts().map(f -> FactOutcome.known(f.toCelMap()))
                .orElseGet(() -> FactOutcome.unavailable(result.unavailable()));
    }
}
