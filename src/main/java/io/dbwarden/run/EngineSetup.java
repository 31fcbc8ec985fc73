package io.dbwarden.run;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.collect.FactSource;
import io.dbwarden.host.HostFactsResolver;
import io.dbwarden.metrics.EngineMetrics;
import io.dbwarden.release.ReleaseData;
import io.dbwarden.release.ReleaseFactSource;
import io.dbwarden.target.ConnectOptions;
import io.dbwarden.tls.TlsFactSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one place a {@link RunExecutor} is put together: the command line, the service, the test harness and the
 * benchmark all start from {@link #standard()}, so each of them runs with the same facts — host facts (declared on
 * the target, from its node_exporter or from /proc), the TLS handshake and release data — and only says what
 * differs: the clock, the connection limits, the meter registry, or, in a test, a fact source replaced by a
 * recorded one.
 *
 * <pre>{@code
 * RunExecutor executor = EngineSetup.standard()
 *         .connect(new ConnectOptions(connectTimeout, statementTimeout))
 *         .meters(registry)
 *         .build();
 * }</pre>
 */
public final class EngineSetup {

    private Clock clock = Clock.systemUTC();
    private ConnectOptions connect = ConnectOptions.defaults();
    private MeterRegistry registry;
    private HttpClient http;
    private Path procRoot = Path.of("/proc");
    private ReleaseData releases;
    private final Map<BuiltinFact, FactSource> replaced = new EnumMap<>(BuiltinFact.class);

    private EngineSetup() {}

    /** Every standard source, the system clock, default connection limits and a private meter registry. */
    public static EngineSetup standard() {
        return new EngineSetup();
    }

    /** What "now" is: run times, certificate expiry, end-of-life dates. */
    public EngineSetup clock(Clock value) {
        clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /**
     * How sessions are opened and limited. The connect timeout also bounds the TLS probe's connections and the
     * node_exporter scrape.
     */
    public EngineSetup connect(ConnectOptions value) {
        connect = Objects.requireNonNull(value, "connect options");
        return this;
    }

    /** Where the engine's meters go (the service's Prometheus registry); by default a registry of its own. */
    public EngineSetup meters(MeterRegistry value) {
        registry = Objects.requireNonNull(value, "meter registry");
        return this;
    }

    /** The client node_exporter is scraped with; by default one whose connect timeout is the targets'. */
    public EngineSetup httpClient(HttpClient value) {
        http = Objects.requireNonNull(value, "http client");
        return this;
    }

    /** Where this machine's /proc is, for targets on this host; tests point it at a directory of their own. */
    public EngineSetup procRoot(Path value) {
        procRoot = Objects.requireNonNull(value, "proc root");
        return this;
    }

    /** End-of-life and latest-release data; by default the data built into dbwarden. */
    public EngineSetup releaseData(ReleaseData value) {
        releases = Objects.requireNonNull(value, "release data");
        return this;
    }

    /** Supplies {@code fact} from {@code source} instead of the standard one, e.g. a recorded TLS handshake. */
    public EngineSetup source(BuiltinFact fact, FactSource source) {
        replaced.put(Objects.requireNonNull(fact, "fact"), Objects.requireNonNull(source, "source"));
        return this;
    }

    public RunExecutor build() {
        HttpClient client = http != null ? http
                : HttpClient.newBuilder().connectTimeout(connect.connectTimeout()).build();
        Map<BuiltinFact, FactSource> sources = new EnumMap<>(BuiltinFact.class);
        sources.put(BuiltinFact.HOST, new HostFactSource(new HostFactsResolver(client, connect.connectTimeout(), procRoot)));
        sources.put(BuiltinFact.TLS, new TlsFactSource(clock, connect.connectTimeout()));
        sources.put(BuiltinFact.RELEASES, new ReleaseFactSource(releases != null ? releases : ReleaseData.builtIn(), clock));
        sources.putAll(replaced);
        return new RunExecutor(clock, connect, sources,
                new EngineMetrics(registry != null ? registry : new SimpleMeterRegistry()));
    }
}
