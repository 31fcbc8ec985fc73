package io.dbwarden.release;

import io.dbwarden.version.Flavor;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The release lines of one product (PostgreSQL, MySQL, MariaDB, Percona Server), complete and
 * right up to {@code asOf}: a release published after that date is not in the data.
 *
 * @param lines newest line first
 */
public record ProductReleases(Flavor flavor, String name, LocalDate asOf, List<String> sources, List<ReleaseLine> lines) {

    public ProductReleases {
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(asOf, "asOf");
        sources = List.copyOf(sources);
        lines = lines.stream().sorted(Comparator.comparing(ReleaseLine::line, LineNumbers.ORDER).reversed()).toList();
    }

    public Optional<ReleaseLine> line(String line) {
        return lines.stream().filter(l -> l.line().equals(line)).findFirst();
    }

    public ReleaseLine newest() {
        return lines.getFirst();
    }

    public ReleaseLine oldest() {
        return lines.getLast();
    }
}
