package io.dbwarden.report;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which dbwarden wrote a report: the jar's Implementation-Version (as {@code dbwarden --version} prints it), absent
 * when running from classes rather than the jar (a development build).
 */
public record DbwardenVersion(Optional<String> release) {

    /** MAJOR.MINOR.PATCH[-pre-release][+build] (semver.org), which SARIF requires of {@code semanticVersion}. */
    private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final Pattern SEMVER = Pattern.compile(
            "(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-" + IDENTIFIERS + ")?(?:\\+" + IDENTIFIERS + ")?");

    public static final DbwardenVersion DEVELOPMENT = new DbwardenVersion(Optional.empty());

    public static DbwardenVersion of(String release) {
        return new DbwardenVersion(Optional.of(release));
    }

    /** The version of the running code. */
    public static DbwardenVersion current() {
        return new DbwardenVersion(Optional.ofNullable(DbwardenVersion.class.getPackage().getImplementationVersion()));
    }

    /** The release, or "development build". */
    public String text() {
        return release.orElse("development build");
    }

    /** The release when it is a semantic version. */
    public Optional<String> semantic() {
        return release.filter(v -> SEMVER.matcher(v).matches());
    }
}
