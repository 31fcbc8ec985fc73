package io.dbwarden.cli.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the server is ({@code --server}) and the token to show it. The token is read from the environment only: a
 * command-line flag would show it to every user of the machine through {@code ps}.
 */
final class ServerOptions {

    /** The environment variable that holds the API token. */
    static final String TOKEN_VARIABLE = "DBWARDEN_TOKEN";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:DBWARDEN_SERVER:-http://127.0.0.1:9650}",
            description = {"Address of the dbwarden serve to talk to (default: ${DEFAULT-VALUE}; "
                    + "also DBWARDEN_SERVER).",
                    "The API token is read from the environment variable " + TOKEN_VARIABLE + ", never from a flag "
                            + "(flags are visible to every user in 'ps'); a server on loopback without tokens "
                            + "needs none."})
    String server;

    ApiClient client() {
        return new ApiClient(serverUri(), token());
    }

    private URI serverUri() {
        URI uri;
        try {
            uri = new URI(server.strip());
        } catch (URISyntaxException e) {
            throw invalid("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalid("must be an http:// or https:// address such as http://127.0.0.1:9650");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("must be a plain address (no user, query or fragment); the token goes in "
                    + TOKEN_VARIABLE);
        }
        return uri;
    }

    private ParameterException invalid(String problem) {
        // the value is not repeated: a user may have pasted a token into it
        return new ParameterException(spec.commandLine(), "--server " + problem);
    }

    private static Optional<String> token() {
        String token = System.getenv(TOKEN_VARIABLE);
        return token == null || token.isBlank() ? Optional.empty() : Optional.of(token.strip());
    }
}
