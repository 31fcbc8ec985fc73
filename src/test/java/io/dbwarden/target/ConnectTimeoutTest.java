package io.dbwarden.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbwarden.target.TargetConnectException.Reason;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A dead or missing server costs at most the connect timeout, for both drivers. No server is needed. */
class ConnectTimeoutTest {

    private static final TargetConnector CONNECTOR =
            new TargetConnector(new ConnectOptions(Duration.ofSeconds(1), Duration.ofSeconds(10)));
    private static final String PASSWORD = "never-Shown-77";

    private static TargetConnectException failure(String scheme, int port) throws DsnException {
        Target target = Target.of(Dsn.parse(scheme + "://u:" + PASSWORD + "@127.0.0.1:" + port + "/db"));
        return catchThrowableOfType(TargetConnectException.class, () -> CONNECTOR.open(target).close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql"})
    void aRefusedPortIsUnreachableAtOnce(String scheme) throws Exception {
        int port = HangingServer.refusedPort();
        long start = System.nanoTime();

        TargetConnectException e = failure(scheme, port);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e).hasMessage("127.0.0.1:" + port + ": cannot connect to 127.0.0.1:" + port + ": connection refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql"})
    void aServerThatNeverAnswersTimesOutAfterTheConnectTimeout(String scheme) throws Exception {
        try (HangingServer server = HangingServer.silent()) {
            long start = System.nanoTime();

            TargetConnectException e = failure(scheme, server.port());

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e).hasMessage("127.0.0.1:" + server.port() + ": cannot connect to 127.0.0.1:" + server.port()
                    + ": connection timed out after 1s");
            assertThat(SessionAssertions.everythingShown(e)).doesNotContain(PASSWORD);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql"})
    void aConnectionStuckInTheTcpHandshakeTimesOutAfterTheConnectTimeout(String scheme) throws Exception {
        try (HangingServer server = HangingServer.droppingConnections()) {
            long start = System.nanoTime();

            TargetConnectException e = failure(scheme, server.port());

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        }
    }
}
