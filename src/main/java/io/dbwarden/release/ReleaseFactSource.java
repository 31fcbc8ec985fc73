package io.dbwarden.release;

import io.dbwarden.cel.CelValues;
import io.dbwarden.collect.FactOutcome;
import io.dbwarden.collect.FactSource;
import io.dbwarden.fact.Unavailable;
import io.dbwarden.target.Target;
import io.dbwarden.version.ServerVersion;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Supplies the built-in fact {@code releases}: where the running server stands in its vendor's
 * release lines, judged against {@link ReleaseData} on the injected clock's date.
 *
 * <p>The map a rule sees:
 * <ul>
 * <li>{@code product} ('postgresql', 'mysql', 'mariadb', 'percona'), {@code product_name} ('MariaDB'),
 *     {@code sources} (the vendor pages the data came from)</li>
 * <li>{@code as_of} ('YYYY-MM-DD', the date the product's data is complete to) and {@code data_age_days}
 *     (days from as_of to today)</li>
 * <li>{@code running} ('15.20', '10.11.19', '8.0.36-28'), {@code line} ('15', '10.11', '8.0'; always set)</li>
 * <li>{@code known} (the line is in the data) and {@code position}: 'known', or for an unknown line
 *     'older' (older than every line in the data), 'newer' (newer than every line: the data predates it)
 *     or 'between'</li>
 * <li>{@code track} ('lts', 'innovation', 'short_term' or null)</li>
 * <li>{@code eol} ('YYYY-MM-DD' or null when undated or unknown), {@code days_to_eol} (int, 0 on the
 *     end-of-life day, negative after it; null without eol) and {@code eol_inferred} (true when the line
 *     is older than every line in the data and eol is the end of life of the oldest one: it ended
 *     then at the latest)</li>
 * <li>{@code latest} ('15.18' or null), {@code behind} (a newer release of the line is in the data) and
 *     {@code newer_than_data} (the server runs a release newer than the data's latest: the data is
 *     missing releases)</li>
 * <li>{@code upgrade_to} (the newest release of the newest supported line, LTS lines preferred where
 *     the vendor has them, e.g. '18.4' or '8.4.8'), {@code upgrade_line} ('18', '8.4') and
 *     {@code supported_lines} (lines still supported today, newest first)</li>
 * </ul>
 * A product the data does not cover makes the fact not applicable, so checks that use it are skipped.
 */
public final class ReleaseFactSource implements FactSource {

    private final ReleaseData data;
    private final Clock clock;

    public ReleaseFactSource(ReleaseData data, Clock clock) {
        this.data = Objects.requireNonNull(data, "data");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public FactOutcome read(Target target, ServerVersion version) {
        return read(version);
    }

    /** The fact for a server of this version, today by the clock. */
    public FactOutcome read(ServerVersion version) {
        Optional<ProductReleases> found = data.product(version.flavor());
        if (found.isEmpty()) {
            return FactOutcome.unavailable(new Unavailable.NotApplicable(
                    "dbwarden has no release data for " + version.flavor().id()));
        }
        ProductReleases product = found.get();
        LocalDate today = LocalDate.now(clock);
        String lineName = LineNumbers.lineOf(version);
        int release = LineNumbers.releaseOf(version);
        Optional<ReleaseLine> line = product.line(lineName);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("product", product.flavor().id());
        m.put("product_name", product.name());
        m.put("sources", product.sources());
        m.put("as_of", product.asOf().toString());
        m.put("data_age_days", ChronoUnit.DAYS.between(product.asOf(), today));
        m.put("running", LineNumbers.running(version));
        m.put("line", lineName);
        m.put("known", line.isPresent());
        m.put("position", position(product, lineName, line.isPresent()));
        m.put("track", line.flatMap(ReleaseLine::track).orElse(null));

        Optional<LocalDate> eol = line.flatMap(ReleaseLine::eol);
        boolean inferred = false;
        if (line.isEmpty() && LineNumbers.ORDER.compare(lineName, product.oldest().line()) < 0) {
            eol = product.oldest().eol();
            inferred = eol.isPresent();
        }
        m.put("eol", eol.map(LocalDate::toString).orElse(null));
        m.put("days_to_eol", eol.map(d -> ChronoUnit.DAYS.between(today, d)).orElse(null));
        m.put("eol_inferred", inferred);

        Optional<String> latest = line.flatMap(ReleaseLine::latest);
        int latestRelease = latest.map(l -> LineNumbers.releaseIn(product.flavor(), lineName, l)).orElse(-1);
        m.put("latest", latest.orElse(null));
        m.put("behind", latest.isPresent() && release < latestRelease);
        m.put("newer_than_data", latest.isPresent() && release > latestRelease);

        List<ReleaseLine> supported = product.lines().stream().filter(l -> l.supportedOn(today)).toList();
        ReleaseLine target = upgradeTarget(product, supported);
        m.put("upgrade_line", target.line());
        m.put("upgrade_to", target.latest().orElse(target.line()));
        m.put("supported_lines", supported.stream().map(ReleaseLine::line).toList());
        @SuppressWarnings("unchecked")
        Map<String, Object> cel = (Map<String, Object>) CelValues.toCel(m);
        return FactOutcome.known(cel);
    }

    private static String position(ProductReleases product, String line, boolean known) {
        if (known) {
            return "known";
        }
        if (LineNumbers.ORDER.compare(line, product.oldest().line()) < 0) {
            return "older";
        }
        return LineNumbers.ORDER.compare(line, product.newest().line()) > 0 ? "newer" : "between";
    }

    /** The newest supported LTS line where the vendor labels LTS lines, else the newest supported line. */
    private static ReleaseLine upgradeTarget(ProductReleases product, List<ReleaseLine> supported) {
        return supported.stream().filter(l -> l.track().filter("lts"::equals).isPresent()).findFirst()
                .or(() -> supported.stream().findFirst())
                .orElse(product.newest());
    }
}
