package io.dbwarden.cli;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.collect.FactSource;
import io.dbwarden.release.ReleaseData;
import io.dbwarden.release.ReleaseFactSource;
import io.dbwarden.tls.TlsFactSource;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The facts that do not come over the SQL session, as every run of the CLI gets them. */
public final class FactSources {

    private FactSources() {}

    public static Map<BuiltinFact, FactSource> standard(Clock clock, Duration connectTimeout) {
        Map<BuiltinFact, FactSource> sources = new EnumMap<>(BuiltinFact.class);
        sources.put(BuiltinFact.RELEASES, new ReleaseFactSource(ReleaseData.builtIn(), clock));
        sources.put(BuiltinFact.TLS, new TlsFactSource(clock, connectTimeout));
        return sources;
    }
}
