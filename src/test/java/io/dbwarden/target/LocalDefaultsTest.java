package io.dbwarden.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbwarden.target.TargetConnectException.Reason;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a DSN leaves open is decided from the machine when a session is opened, as the standard clients do. */
class LocalDefaultsTest {

    /** A machine with this operating-system user, no environment variables, and only these files. */
    private static LocalEnvironment machine(String osUser, String... existingFiles) {
        Set<Path> files = Set.copyOf(Arrays.stream(existingFiles).map(Path::of).toList());
        return new LocalEnvironment(name -> null, () -> osUser, files::contains);
    }

    private static ResolvedDsn resolve(String dsn, LocalEnvironment local) throws Exception {
        return ResolvedDsn.of(Dsn.parse(dsn), local);
    }

    // ---- user and database

    @Test
    void theOperatingSystemUserLogsInWhenTheDsnNamesNone() throws Exception {
        ResolvedDsn resolved = resolve("postgresql://h", machine("alice"));

        assertThat(resolved.user()).isEqualTo("alice");
        assertThat(resolved.database()).as("libpq names the database after the user").isEqualTo("alice");
    }

    @Test
    void theUserAndDatabaseTheDsnNamesWin() throws Exception {
        ResolvedDsn resolved = resolve("postgresql://bob@h/app", machine("alice"));

        assertThat(resolved.user()).isEqualTo("bob");
        assertThat(resolved.database()).isEqualTo("app");
    }

    @Test
    void aPostgresqlDatabaseDefaultsToTheUserTheDsnNames() throws Exception {
        assertThat(resolve("postgresql://h/?user=bob", machine("alice")).database()).isEqualTo("bob");
    }

    @Test
    void aMysqlDsnWithoutDatabaseConnectsToNone() throws Exception {
        ResolvedDsn resolved = resolve("mysql://db1", machine("alice"));

        assertThat(resolved.user()).isEqualTo("alice");
        assertThat(resolved.database()).isNull();
    }

    @Test
    void anUnknownOperatingSystemUserFailsTheConnectionOnlyWhenItIsNeeded() throws Exception {
        assertThat(resolve("postgresql://bob@h/db", machine(null)).user()).isEqualTo("bob");

        DsnResolutionException e = catchThrowableOfType(DsnResolutionException.class,
                () -> resolve("postgresql://h/db", machine("")));

        assertThat(e).hasMessage("no user given and the operating system user is unknown");
        assertThat(e.reason()).isEqualTo(Reason.OTHER);
    }

    @Test
    void theSameDsnTakesTheUserOfTheMachineItConnectsFrom() throws Exception {
        Dsn dsn = Dsn.parse("postgresql://h");

        assertThat(ResolvedDsn.of(dsn, machine("alice")).user()).isEqualTo("alice");
        assertThat(ResolvedDsn.of(dsn, machine("carol")).user()).isEqualTo("carol");
    }

    // ---- sockets

    @Test
    void postgresqlWithoutHostUsesTheFirstExistingSocketDirectoryLikeLibpq() throws Exception {
        assertThat(resolve("postgresql:///db", machine("u", "/var/run/postgresql", "/tmp")).socket())
                .contains(Path.of("/var/run/postgresql/.s.PGSQL.5432"));
        assertThat(resolve("postgresql:///db", machine("u", "/tmp")).socket())
                .contains(Path.of("/tmp/.s.PGSQL.5432"));
    }

    @Test
    void postgresqlNamesTheDefaultSocketFileAfterThePort() throws Exception {
        assertThat(resolve("postgresql:///db?port=6000", machine("u", "/tmp")).socket())
                .contains(Path.of("/tmp/.s.PGSQL.6000"));
    }

    @Test
    void withoutAnyDefaultSocketTheFirstPlaceTheClientLooksIsUsed() throws Exception {
        assertThat(resolve("postgresql:///db", machine("u")).socket())
                .contains(Path.of("/var/run/postgresql/.s.PGSQL.5432"));
        assertThat(resolve("mysql://root@/", machine("u")).socket()).contains(Path.of("/run/mysqld/mysqld.sock"));
    }

    @Test
    void mysqlWithoutHostUsesTheFirstExistingDefaultSocketLikeTheMysqlClient() throws Exception {
        assertThat(resolve("mysql://root@/", machine("u", "/tmp/mysql.sock", "/var/run/mysqld/mysqld.sock")).socket())
                .contains(Path.of("/var/run/mysqld/mysqld.sock"));
    }

    @Test
    void theDefaultSocketIsChosenAtEachConnection() throws Exception {
        Dsn dsn = Dsn.parse("mysql://root@/");

        assertThat(ResolvedDsn.of(dsn, machine("u")).socket()).contains(Path.of("/run/mysqld/mysqld.sock"));
        assertThat(ResolvedDsn.of(dsn, machine("u", "/tmp/mysql.sock")).socket()).contains(Path.of("/tmp/mysql.sock"));
    }

    @Test
    void aSocketTheDsnNamesIsKept() throws Exception {
        assertThat(resolve("mysql://root@localhost/?socket=/srv/my.sock", machine("u", "/tmp/mysql.sock")).socket())
                .contains(Path.of("/srv/my.sock"));
        assertThat(resolve("postgresql:///db?host=/srv/pg", machine("u", "/tmp")).socket())
                .contains(Path.of("/srv/pg/.s.PGSQL.5432"));
    }

    @Test
    void aDsnOverTcpUsesNoSocket() throws Exception {
        ResolvedDsn resolved = resolve("postgresql://db1:6543/app", machine("u", "/tmp"));

        assertThat(resolved.socket()).isEmpty();
        assertThat(resolved.host()).isEqualTo("db1");
        assertThat(resolved.port()).isEqualTo(6543);
    }

    // ---- the resolved form

    @Test
    void theResolvedFormNeverShowsThePassword() throws Exception {
        ResolvedDsn resolved = resolve("postgresql://bob:Zq9-secret-Wx7@h/db", machine("u"));

        assertThat(resolved.password()).isEqualTo("Zq9-secret-Wx7");
        assertThat(resolved).hasToString("ResolvedDsn[postgresql bob:***@h:5432/db]");
    }
}
