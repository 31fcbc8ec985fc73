package io.dbwarden.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DsnTest {

    private static Dsn parse(String text) throws DsnException {
        return Dsn.parse(text);
    }

    // ---- valid DSNs

    static Stream<Arguments> validDsns() {
        return Stream.of(
                // text, engine, host, port, database, user (null: none given, decided at connect time)
                Arguments.of("postgresql://bob:pw@db.example.com:6543/app", Engine.POSTGRESQL, "db.example.com", 6543, "app", "bob"),
                Arguments.of("postgres://bob@10.0.0.5/app", Engine.POSTGRESQL, "10.0.0.5", 5432, "app", "bob"),
                Arguments.of("POSTGRESQL://bob@h/app", Engine.POSTGRESQL, "h", 5432, "app", "bob"),
                Arguments.of("postgresql://127.0.0.1", Engine.POSTGRESQL, "127.0.0.1", 5432, null, null),
                Arguments.of("postgresql://h/?user=alice&dbname=sales&port=5433", Engine.POSTGRESQL, "h", 5433, "sales", "alice"),
                Arguments.of("postgresql://[::1]:5433/x", Engine.POSTGRESQL, "::1", 5433, "x", null),
                Arguments.of("postgresql://b%40corp:p%2Fw@h/my%20db", Engine.POSTGRESQL, "h", 5432, "my db", "b@corp"),
                Arguments.of("mysql://root:pw@127.0.0.1:3307/shop", Engine.MYSQL, "127.0.0.1", 3307, "shop", "root"),
                Arguments.of("mariadb://app@db1/", Engine.MYSQL, "db1", 3306, null, "app"),
                Arguments.of("mysql://db1", Engine.MYSQL, "db1", 3306, null, null),
                Arguments.of("mysql://app@localhost:3306", Engine.MYSQL, "localhost", 3306, null, "app"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validDsns")
    void parsesTheAddressUserAndDatabase(String text, Engine engine, String host, int port, String database,
            String user) throws DsnException {
        Dsn dsn = parse(text);

        assertThat(dsn.engine()).isEqualTo(engine);
        assertThat(dsn.host()).isEqualTo(host);
        assertThat(dsn.port()).isEqualTo(port);
        assertThat(dsn.database()).isEqualTo(database);
        assertThat(dsn.user()).isEqualTo(user);
        assertThat(dsn.socket()).isEmpty();
    }

    @Test
    void percentDecodesAnInlinePassword() throws DsnException {
        Dsn dsn = parse("postgresql://bob:p%40ss%2Fw%3Ford%25@h/db");

        assertThat(dsn.password()).contains(new Secret.Inline("p@ss/w?ord%"));
        assertThat(dsn.hasPassword()).isTrue();
    }

    @Test
    void aDsnWithoutPasswordHasNone() throws DsnException {
        assertThat(parse("postgresql://bob@h/db").hasPassword()).isFalse();
    }

    @Test
    void postgresqlSocketDirectoryComesFromTheHostParameter() throws DsnException {
        Dsn dsn = parse("postgresql:///db?host=/var/run/postgresql");

        assertThat(dsn.host()).isNull();
        assertThat(dsn.socket()).contains(Path.of("/var/run/postgresql/.s.PGSQL.5432"));
        assertThat(dsn.database()).isEqualTo("db");
        assertThat(dsn.isLocal()).isTrue();
    }

    @Test
    void postgresqlSocketFileIsNamedAfterThePort() throws DsnException {
        Dsn dsn = parse("postgresql://bob@/db?host=/tmp/pg&port=6000");

        assertThat(dsn.socket()).contains(Path.of("/tmp/pg/.s.PGSQL.6000"));
        assertThat(dsn.port()).isEqualTo(6000);
        assertThat(dsn.defaultName()).isEqualTo("localhost:6000");
    }

    @Test
    void postgresqlSocketDirectoryMayBePercentEncodedAsTheHost() throws DsnException {
        Dsn dsn = parse("postgresql://%2Fsrv%2Fpg:5444/db");

        assertThat(dsn.socket()).contains(Path.of("/srv/pg/.s.PGSQL.5444"));
    }

    @Test
    void postgresqlWithoutHostLeavesTheDefaultSocketToConnectTime() throws DsnException {
        Dsn dsn = parse("postgresql:///db");

        assertThat(dsn.host()).isNull();
        assertThat(dsn.socket()).isEmpty();
        assertThat(dsn.overUnixSocket()).isTrue();
        assertThat(dsn.isLocal()).isTrue();
        assertThat(dsn.defaultName()).isEqualTo("localhost:5432");
    }

    @Test
    void mysqlSocketParameterSelectsTheUnixSocket() throws DsnException {
        Dsn dsn = parse("mysql://root@localhost/?socket=/run/mysqld/mysqld.sock");

        assertThat(dsn.host()).isNull();
        assertThat(dsn.socket()).contains(Path.of("/run/mysqld/mysqld.sock"));
        assertThat(dsn.database()).isNull();
        assertThat(dsn.user()).isEqualTo("root");
        assertThat(dsn.defaultName()).isEqualTo("localhost");
        assertThat(dsn.isLocal()).isTrue();
    }

    @Test
    void aNonDefaultMysqlSocketGetsItsFileNameInTheDefaultName() throws DsnException {
        assertThat(parse("mysql://root@/?socket=/tmp/x/other%20db.sock").defaultName()).isEqualTo("localhost:other_db");
    }

    @Test
    void mysqlWithoutHostLeavesTheDefaultSocketToConnectTime() throws DsnException {
        Dsn dsn = parse("mysql://root@/");

        assertThat(dsn.host()).isNull();
        assertThat(dsn.socket()).isEmpty();
        assertThat(dsn.overUnixSocket()).isTrue();
        assertThat(dsn.defaultName()).isEqualTo("localhost");
    }

    @Test
    void aDsnOverTcpDoesNotUseAUnixSocket() throws DsnException {
        assertThat(parse("mysql://root@localhost/").overUnixSocket()).isFalse();
    }

    @Test
    void aParsedDsnNamesNoUserOrDatabaseItsAuthorDidNotWrite() throws DsnException {
        Dsn dsn = parse("postgresql://h");

        assertThat(dsn.user()).isNull();
        assertThat(dsn.database()).isNull();
        assertThat(dsn.redacted()).isEqualTo("postgresql://h/");
    }

    // ---- TLS

    static Stream<Arguments> tlsModes() {
        return Stream.of(
                Arguments.of("postgresql://h/db", TlsMode.PREFERRED, false),
                Arguments.of("postgresql://h/db?sslmode=disable", TlsMode.DISABLED, true),
                Arguments.of("postgresql://h/db?sslmode=allow", TlsMode.ALLOW, true),
                Arguments.of("postgresql://h/db?sslmode=prefer", TlsMode.PREFERRED, true),
                Arguments.of("postgresql://h/db?sslmode=require", TlsMode.REQUIRED, true),
                Arguments.of("postgresql://h/db?sslmode=verify-ca", TlsMode.VERIFY_CA, true),
                Arguments.of("postgresql://h/db?sslmode=verify-full", TlsMode.VERIFY_FULL, true),
                Arguments.of("mysql://h/", TlsMode.PREFERRED, false),
                Arguments.of("mysql://h/?ssl-mode=DISABLED", TlsMode.DISABLED, true),
                Arguments.of("mysql://h/?ssl-mode=preferred", TlsMode.PREFERRED, true),
                Arguments.of("mysql://h/?ssl-mode=REQUIRED", TlsMode.REQUIRED, true),
                Arguments.of("mysql://h/?ssl-mode=VERIFY_CA", TlsMode.VERIFY_CA, true),
                Arguments.of("mariadb://h/?ssl-mode=VERIFY_IDENTITY", TlsMode.VERIFY_FULL, true));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tlsModes")
    void mapsTheTlsModeOfEitherEngineToTheCommonVocabulary(String text, TlsMode mode, boolean explicit)
            throws DsnException {
        TlsSettings tls = parse(text).tls();

        assertThat(tls.mode()).isEqualTo(mode);
        assertThat(tls.explicit()).isEqualTo(explicit);
    }

    @Test
    void keepsTheCertificatePathsOfAPostgresqlDsn() throws DsnException {
        TlsSettings tls = parse("postgresql://user:pass@host:5432/db?sslmode=verify-full"
                + "&sslrootcert=/p/ca.pem&sslcert=/p/c.pem&sslkey=/p/c.key").tls();

        assertThat(tls).isEqualTo(new TlsSettings(TlsMode.VERIFY_FULL, true,
                Path.of("/p/ca.pem"), Path.of("/p/c.pem"), Path.of("/p/c.key")));
    }

    @Test
    void keepsTheCertificatePathsOfAMysqlDsn() throws DsnException {
        TlsSettings tls = parse("mysql://u@h/?ssl-mode=VERIFY_CA&ssl-ca=/p/ca.pem&ssl-cert=/p/c.pem&ssl-key=/p/c.key").tls();

        assertThat(tls).isEqualTo(new TlsSettings(TlsMode.VERIFY_CA, true,
                Path.of("/p/ca.pem"), Path.of("/p/c.pem"), Path.of("/p/c.key")));
    }

    // ---- errors

    static Stream<Arguments> invalidDsns() {
        return Stream.of(
                Arguments.of("", "DSN is empty"),
                Arguments.of("   ", "DSN is empty"),
                Arguments.of("host:5432/db", "missing '://' after the scheme (expected e.g. postgresql://user@host:5432/db)"),
                Arguments.of("jdbc:postgresql://h/db", "JDBC URLs are not accepted: drop the 'jdbc:' prefix (e.g. postgresql://host/db)"),
                Arguments.of("://h/db", "missing scheme before '://' (expected postgresql, postgres, mysql or mariadb)"),
                Arguments.of("mongo://h/db", "unknown scheme 'mongo' (expected postgresql, postgres, mysql or mariadb)"),
                Arguments.of("mongodb://h/db", "scheme 'mongodb' is not supported yet (expected postgresql, postgres, mysql or mariadb)"),
                Arguments.of("postgresql://h:abc/db", "port 'abc' is not a number"),
                Arguments.of("postgresql://h:/db", "port is empty after ':'"),
                Arguments.of("postgresql://h:0/db", "port '0' is out of range (1-65535)"),
                Arguments.of("postgresql://h:65536/db", "port '65536' is out of range (1-65535)"),
                Arguments.of("postgresql://h:99999999999/db", "port '99999999999' is out of range (1-65535)"),
                Arguments.of("postgresql://h/db?port=x", "port 'x' is not a number"),
                Arguments.of("postgresql://h:5432/db?port=5433", "the port is given twice (after the host and as ?port=)"),
                Arguments.of("postgresql://h1,h2/db", "multiple hosts 'h1,h2' are not supported; define one target per server"),
                Arguments.of("postgresql://::1/db", "IPv6 addresses must be written in brackets, e.g. postgresql://[::1]:5432/db"),
                Arguments.of("postgresql://[::1/db", "IPv6 address '[::1' is missing its closing ']'"),
                Arguments.of("postgresql://[zz]/db", "IPv6 address '[zz]' is not valid"),
                Arguments.of("postgresql://[::1]x/db", "unexpected text 'x' after the IPv6 address"),
                Arguments.of("postgresql://ho st/db", "host 'ho st' contains characters that are not allowed in a host name"),
                Arguments.of("postgresql://h/a/b", "database name 'a/b' must not contain '/'"),
                Arguments.of("postgresql://h/db%zz", "the database name 'db%zz' has invalid percent-encoding"),
                Arguments.of("postgresql://h/db#frag", "'#' is not allowed in a DSN; percent-encode it as %23"),
                Arguments.of("postgresql://h/db?sslmod=require", "unsupported parameter 'sslmod' for postgresql (did you mean sslmode?)"),
                Arguments.of("postgres://h/db?ssl_mode=require", "unsupported parameter 'ssl_mode' for postgresql (did you mean sslmode?)"),
                Arguments.of("mysql://h/?ssl_mode=REQUIRED", "unsupported parameter 'ssl_mode' for mysql (did you mean ssl-mode?)"),
                Arguments.of("mariadb://h/?sslmode=REQUIRED", "unsupported parameter 'sslmode' for mariadb (did you mean ssl-mode?)"),
                Arguments.of("mysql://h/?application_name=x", "unsupported parameter 'application_name' for mysql (supported: socket, password, ssl-mode, ssl-ca, ssl-cert, ssl-key)"),
                Arguments.of("postgresql://h/db?sslmode", "parameter 'sslmode' has no value (expected name=value)"),
                Arguments.of("postgresql://h/db?=x", "a parameter has an empty name"),
                Arguments.of("postgresql://h/db?sslmode=require&sslmode=disable", "parameter 'sslmode' is given more than once"),
                Arguments.of("postgresql://h/db?sslmode=required", "sslmode 'required' is not valid for postgresql (expected disable, allow, prefer, require, verify-ca or verify-full)"),
                Arguments.of("mysql://h/?ssl-mode=ALLOW", "ssl-mode 'ALLOW' is not valid for mysql (expected DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY)"),
                Arguments.of("postgresql://h/db?sslcert=/c.pem", "sslcert and sslkey must be given together"),
                Arguments.of("mysql://h/?ssl-key=/k.pem", "ssl-cert and ssl-key must be given together"),
                Arguments.of("postgresql://h/db?sslrootcert=", "parameter 'sslrootcert' is empty"),
                Arguments.of("postgresql://bob@h/db?user=alice", "the user is given twice (before the '@' and as ?user=)"),
                Arguments.of("postgresql://h/db?dbname=other", "the database is given twice (in the path and as ?dbname=)"),
                Arguments.of("postgresql://h/db?host=/tmp", "the host is given twice (after the '@' and as ?host=)"),
                Arguments.of("postgresql:///db?host=bad%20host", "host parameter must be a host name or an absolute socket directory"),
                Arguments.of("mysql://root@localhost/?socket=mysqld.sock", "socket must be an absolute path"),
                Arguments.of("mysql://root@db1/?socket=/run/mysqld/mysqld.sock", "socket= can only be used with host localhost or no host, not 'db1'"),
                Arguments.of("postgresql://bob:pw@h/db?password=env:PGPASS", "the password is given twice (before the '@' and as ?password=)"),
                Arguments.of("postgresql://h/db?password=hunter22", "parameter 'password' must be env:NAME or file:PATH; put a literal password before the '@' instead"),
                Arguments.of("postgresql://h/db?password=env:1BAD", "password=env:1BAD does not name a valid environment variable"),
                Arguments.of("postgresql://h/db?password=file:", "password=file: needs a path, e.g. password=file:/run/secrets/db"),
                Arguments.of("postgresql://bob:pw%zz@h/db", "the password has invalid percent-encoding (encode '%' as %25)"),
                Arguments.of("postgresql://b%zzob@h/db", "the user name 'b%zzob' has invalid percent-encoding"),
                Arguments.of("postgresql://bob:pw/x@h/db", "found '@' after the host: percent-encode reserved characters in the user name and password ('@' as %40, '/' as %2F, '?' as %3F)"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidDsns")
    void rejectsAnInvalidDsnSayingPreciselyWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(DsnException.class).hasMessage(message);
    }

    @Test
    void rejectsANullDsn() {
        assertThatThrownBy(() -> parse(null)).isInstanceOf(DsnException.class).hasMessage("DSN is empty");
    }

    // ---- the password never shows

    private static final String SECRET = "Zq9-secret-Wx7";

    static Stream<String> dsnsWithAPassword() {
        return Stream.of(
                "postgresql://bob:" + SECRET + "@h/db",
                "postgresql://bob:" + SECRET + "@h:abc/db",
                "postgresql://bob:" + SECRET + "@h/db?sslmod=x",
                "postgresql://bob:" + SECRET + "@h/db?password=env:X",
                "postgresql://bob:" + SECRET + "/x@h/db",
                "postgresql://bob:" + SECRET + "?x@h/db",
                "postgresql://bob:Zq9-se?cret-Wx7@h/db",
                "postgresql://bob:Zq9-se:cret-Wx7@h:12/db",
                "postgresql://bob:Zq9-se/cret-Wx7@h/db",
                "postgresql://bob:Zq9-se#cret-Wx7@h/db",
                "postgresql://bob:Zq9-se%zzcret-Wx7@h/db",
                "postgresql://bob:Zq9-se@cret-Wx7@h/db",
                "postgresql://bob:Zq9-se@cret-Wx7@h:x/db",
                "postgresql://bob:Zq9-se,cret-Wx7@h/db",
                "postgresql://bob:Zq9-se[cret-Wx7@h/db",
                "mysql://root:" + SECRET + "@h:70000/",
                "mysql://root:" + SECRET + "@db1/?socket=/s.sock",
                "mysql://root:Zq9-se?cret=Wx7@h/",
                "mysql://root:Zq9-se&cret-Wx7@h/");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dsnsWithAPassword")
    void neverShowsThePasswordInAMessageOrToString(String text) {
        String shown;
        try {
            Dsn dsn = parse(text);
            shown = dsn.toString() + " " + dsn.redacted() + " " + dsn.defaultName() + " " + Target.of(dsn);
        } catch (DsnException e) {
            shown = e.getMessage();
        }
        assertThat(shown).doesNotContain("Zq9", "secret", "Wx7", "cret");
    }

    @Test
    void redactsTheInlinePasswordAndKeepsEverythingElse() throws DsnException {
        Dsn dsn = parse("postgresql://bob:" + SECRET + "@db.example.com:6543/app?sslmode=verify-full&sslrootcert=/p/ca.pem");

        assertThat(dsn.redacted())
                .isEqualTo("postgresql://bob:***@db.example.com:6543/app?sslmode=verify-full&sslrootcert=/p/ca.pem");
        assertThat(dsn).hasToString(dsn.redacted());
    }

    @Test
    void showsAPasswordReference() throws DsnException {
        Dsn dsn = parse("mysql://app@h/?password=env:DB_PASS");

        assertThat(dsn.redacted()).isEqualTo("mysql://app@h/?password=env:DB_PASS");
        assertThat(dsn).hasToString("mysql://app@h/?password=env:DB_PASS");
    }

    @Test
    void redactsWithoutInventingPartsThatWereNotGiven() throws DsnException {
        assertThat(parse("mysql://root@localhost/?socket=/run/mysqld/mysqld.sock").redacted())
                .isEqualTo("mysql://root@localhost/?socket=/run/mysqld/mysqld.sock");
        assertThat(parse("postgresql://[::1]/x").redacted()).isEqualTo("postgresql://[::1]/x");
        assertThat(parse("postgresql://:" + SECRET + "@h/x").redacted()).isEqualTo("postgresql://:***@h/x");
        assertThat(parse("postgresql://b%40corp@h/my%20db").redacted()).isEqualTo("postgresql://b%40corp@h/my%20db");
        assertThat(parse("postgresql://h/?user=alice").redacted()).isEqualTo("postgresql://h/?user=alice");
    }

    // ---- password references stay references

    @Test
    void keepsAnEnvironmentReferenceWithoutReadingTheVariable() throws DsnException {
        Dsn dsn = parse("postgresql://bob@h/db?password=env:DBWARDEN_SURELY_UNSET_VARIABLE");

        assertThat(dsn.password()).contains(new Secret.FromEnvironment("DBWARDEN_SURELY_UNSET_VARIABLE"));
        assertThat(dsn.hasPassword()).isTrue();
    }

    @Test
    void keepsAFileReferenceWithoutReadingTheFile() throws DsnException {
        Dsn dsn = parse("mysql://app@h/?password=file:/nonexistent/dbwarden/pw");

        assertThat(dsn.password()).contains(new Secret.FromFile(Path.of("/nonexistent/dbwarden/pw")));
        assertThat(dsn.redacted()).isEqualTo("mysql://app@h/?password=file:/nonexistent/dbwarden/pw");
    }

    @Test
    void dsnsWithTheSameReferenceAreEqual() throws DsnException {
        assertThat(parse("mysql://app@h/?password=env:A")).isEqualTo(parse("mysql://app@h/?password=env:A"))
                .isNotEqualTo(parse("mysql://app@h/?password=env:B"));
    }

    // ---- derived values

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "127.1.2.3", "[::1]", "LOCALHOST", "app.localhost"})
    void treatsLoopbackHostsAsLocal(String host) throws DsnException {
        assertThat(parse("postgresql://" + host + "/db").isLocal()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.com", "10.0.0.1", "[fe80::1]", "128.0.0.1"})
    void treatsOtherHostsAsRemote(String host) throws DsnException {
        assertThat(parse("postgresql://" + host + "/db").isLocal()).isFalse();
    }

    @Test
    void namesATcpTargetByHostAndPort() throws DsnException {
        assertThat(parse("postgresql://bob:pw@127.0.0.1:5432/db").defaultName()).isEqualTo("127.0.0.1:5432");
        assertThat(parse("mysql://db.example.com").defaultName()).isEqualTo("db.example.com:3306");
        assertThat(parse("postgresql://[::1]/db").defaultName()).isEqualTo("::1:5432");
    }

    @Test
    void withDatabaseKeepsTheServerAndCredentials() throws DsnException {
        Dsn dsn = parse("postgresql://bob:" + SECRET + "@h:5433/app?sslmode=require");

        Dsn other = dsn.withDatabase("template1");

        assertThat(other.database()).isEqualTo("template1");
        assertThat(other.host()).isEqualTo("h");
        assertThat(other.port()).isEqualTo(5433);
        assertThat(other.user()).isEqualTo("bob");
        assertThat(other.password()).contains(new Secret.Inline(SECRET));
        assertThat(other.tls()).isEqualTo(dsn.tls());
        assertThat(other.redacted()).isEqualTo("postgresql://bob:***@h:5433/template1?sslmode=require");
        assertThat(dsn.database()).isEqualTo("app");
    }

    @Test
    void withDatabaseReplacesADatabaseGivenAsParameter() throws DsnException {
        Dsn other = parse("postgresql://h/?dbname=app").withDatabase("x y");

        assertThat(other.database()).isEqualTo("x y");
        assertThat(other.redacted()).isEqualTo("postgresql://h/x%20y");
    }

    @Test
    void withDatabaseRejectsABlankName() throws DsnException {
        Dsn dsn = parse("postgresql://h/db");

        assertThatThrownBy(() -> dsn.withDatabase(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalDsnsAreEqual() throws DsnException {
        assertThat(parse("postgresql://bob:pw@h/db")).isEqualTo(parse("postgresql://bob:pw@h/db"))
                .hasSameHashCodeAs(parse("postgresql://bob:pw@h/db"))
                .isNotEqualTo(parse("postgresql://bob:other@h/db"));
    }
}
