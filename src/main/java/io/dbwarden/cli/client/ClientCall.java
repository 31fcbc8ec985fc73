package io.dbwarden.cli.client;

import io.dbwarden.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one client command and maps how a call to the server failed to the exit codes of {@code dbwarden check}: the
 * server's refusal (its {@code error} sentence) is 2, like any other bad request; no server at all is 3, like a target
 * that could not be checked.
 */
final class ClientCall {

    private ClientCall() {
    }

    static int run(CommandSpec spec, Callable<Integer> command) throws Exception {
        try {
            return command.call();
        } catch (ServerRefused e) {
            spec.commandLine().getErr().println("dbwarden: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ServerUnreachable e) {
            spec.commandLine().getErr().println("dbwarden: " + e.getMessage());
            return ExitCodes.TARGET_FAILED;
        }
    }
}
