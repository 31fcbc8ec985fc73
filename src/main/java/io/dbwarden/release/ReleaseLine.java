package io.dbwarden.release;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One release line of a product, e.g. PostgreSQL 15 or MariaDB 10.11.
 *
 * @param line   the line as the vendor names it: "15", "9.6", "10.11", "8.0"
 * @param eol    the end of the vendor's support, or empty when the vendor has not dated it yet
 * @param latest the newest release of the line as of the data's as-of date, e.g. "15.18" or
 *               "8.0.44-35"; may be empty for lines past end of life
 * @param track  the vendor's label for the line: lts, innovation or short_term, if any
 */
public record ReleaseLine(String line, Optional<LocalDate> eol, Optional<String> latest, Optional<String> track) {

    public ReleaseLine {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(eol, "eol");
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(track, "track");
    }

    /** Whether the vendor still supports the line on {@code day} (the end-of-life day itself included). */
    public boolean supportedOn(LocalDate day) {
        return eol.map(d -> !day.isAfter(d)).orElse(true);
    }
}
