package io.dbwarden.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** Small pieces of PostgresAccessChecksTest's planted server: stored MD5 hashes, expiry dates, a broken hba line. */
final class PostgresAccessScenario {

    /** One instant for the whole class, so a planted VALID UNTIL and the date a finding shows agree. */
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);

    private PostgresAccessScenario() {
    }

    /** What PostgreSQL stores for an MD5 password: "md5" + md5(password || role name). */
    static String md5Hash(String role, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((password + role).getBytes(StandardCharsets.UTF_8));
            return "md5" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A VALID UNTIL literal {@code days} days and one hour from now (so whole days left = {@code days}). */
    static String inDays(int days) {
        return NOW.plusDays(days).plusHours(1).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx"));
    }

    /** The same instant as the check shows it ({@code to_char(…, 'YYYY-MM-DD HH24:MI "UTC"')}). */
    static String inDaysUtcMinutes(int days) {
        return NOW.plusDays(days).plusHours(1).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    /** Appends a line to a file the server owns, keeping its owner and mode. */
    static void appendLine(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
