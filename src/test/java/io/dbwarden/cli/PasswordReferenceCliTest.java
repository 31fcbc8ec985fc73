package io.dbwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.testing.FreePorts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A password reference that cannot be read means the target could not be checked (exit 3), while a malformed
 * reference is a usage error (exit 2). No server is needed: the reference is read before any connection.
 */
class PasswordReferenceCliTest {

    private static final String UNSET_VARIABLE = "DBWARDEN_CLI_TEST_PASSWORD_THAT_IS_NOT_SET";

    private static String dsn(String passwordParameter) {
        return "postgresql://bob@127.0.0.1:" + FreePorts.find() + "/postgres?password=" + passwordParameter;
    }

    @Test
    void anUnsetPasswordVariableExitsThreeNamingTheVariable() {
        Assumptions.assumeTrue(System.getenv(UNSET_VARIABLE) == null, UNSET_VARIABLE + " is set in this environment");

        Cli cli = Cli.run("check", dsn("env:" + UNSET_VARIABLE), "--format", "json");

        assertThat(cli.exitCode()).as(cli.all()).isEqualTo(3);
        assertThat(cli.err()).contains("environment variable " + UNSET_VARIABLE + " (from password=env:"
                + UNSET_VARIABLE + ") is not set");
        assertThat(cli.out()).contains("password=env:" + UNSET_VARIABLE);
    }

    @Test
    void aMissingPasswordFileExitsThreeNamingTheFile() {
        Cli cli = Cli.run("check", dsn("file:/nonexistent/dbwarden/pw"));

        assertThat(cli.exitCode()).as(cli.all()).isEqualTo(3);
        assertThat(cli.err()).contains("password file /nonexistent/dbwarden/pw (from password=file:"
                + "/nonexistent/dbwarden/pw) does not exist");
    }

    @Test
    void aMalformedReferenceExitsTwoWithoutRepeatingIt() {
        Cli cli = Cli.run("check", dsn("Zq9-secret-Wx7"));

        assertThat(cli.exitCode()).as(cli.all()).isEqualTo(2);
        assertThat(cli.err()).contains("parameter 'password' must be env:NAME or file:PATH")
                .doesNotContain("Zq9-secret-Wx7");
    }
}
