package io.dbwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.testing.FreePorts;
import io.dbwarden.web.ApiToken;
import io.dbwarden.web.Role;
import io.dbwarden.web.TokenHash;
import io.dbwarden.web.WebServer;
import io.dbwarden.web.WebSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the API client commands fail when there is no server to talk to, or one that refuses them. */
class ClientWithoutServiceTest {

    @Test
    void aServerThatIsNotThereExitsThreeWithASentenceNamingTheAddress() {
        String server = "http://127.0.0.1:" + FreePorts.find();

        for (String[] command : List.of(
                new String[] {"targets", "list"},
                new String[] {"targets", "add", "db1", "postgresql://u@h/db"},
                new String[] {"targets", "remove", "db1"},
                new String[] {"run", "--wait"},
                new String[] {"findings"})) {
            String[] args = new String[command.length + 2];
            System.arraycopy(command, 0, args, 0, command.length);
            args[command.length] = "--server";
            args[command.length + 1] = server;
            Cli cli = Cli.run(args);

            assertThat(cli.exitCode()).as(String.join(" ", command) + ": " + cli.all()).isEqualTo(3);
            assertThat(cli.err()).as(String.join(" ", command))
                    .startsWith("dbwarden: cannot reach the dbwarden server at " + server)
                    .contains("is 'dbwarden serve' running there?")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(cli.out()).isEmpty();
        }
    }

    @Test
    void aServerAddressThatIsNotAnHttpUrlIsAUsageError() {
        Cli cli = Cli.run("targets", "list", "--server", "ftp://127.0.0.1:9650");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--server must be an http:// or https:// address");
    }

    @Test
    void aServerAddressCarryingCredentialsIsRefusedWithoutRepeatingThem() {
        Cli cli = Cli.run("findings", "--server", "http://admin:s3cret-t0ken@127.0.0.1:9650");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("no user, query or fragment").contains("DBWARDEN_TOKEN")
                .doesNotContain("s3cret-t0ken");
    }

    @Test
    void aServerThatWantsATokenIsAnsweredWithItsRefusalAndAHintAboutTheVariable() {
        WebSettings settings = WebSettings.builder().listen("127.0.0.1", 0)
                .tokens(List.of(new ApiToken("dba", Role.ADMIN, TokenHash.of("not-in-this-test")))).build();
        try (WebServer server = WebServer.start(settings, routes -> routes.get("/api/v1/targets", Role.VIEWER,
                ctx -> ctx.json(List.of())))) {
            Cli cli = Cli.run("targets", "list", "--server", server.uri().toString());

            assertThat(cli.exitCode()).as(cli.all()).isEqualTo(2);
            assertThat(cli.err()).startsWith("dbwarden: ").contains("token")
                    .contains("set the environment variable DBWARDEN_TOKEN");
        }
    }

    @Test
    void theHelpOfEveryClientCommandSaysTheTokenComesFromTheEnvironment() {
        for (String command : List.of("targets list", "run", "findings")) {
            String[] args = (command + " --help").split(" ");
            Cli cli = Cli.run(args);

            assertThat(cli.exitCode()).isZero();
            assertThat(cli.out().replaceAll("\\s+", " ")).as(command)
                    .contains("DBWARDEN_TOKEN, never from a flag").contains("--server=URL");
        }
    }
}
