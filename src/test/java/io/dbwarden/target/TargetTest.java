package io.dbwarden.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetTest {

    private static Dsn dsn(String text) throws DsnException {
        return Dsn.parse(text);
    }

    @Test
    void ofNamesTheTargetAfterItsAddress() throws DsnException {
        Target target = Target.of(dsn("postgresql://bob:pw@127.0.0.1:5432/db"));

        assertThat(target.name()).isEqualTo("127.0.0.1:5432");
        assertThat(target.labels()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod-db", "db_1.example.com:5432", "A.b-C_d:9"})
    void acceptsLabelSafeNames(String name) throws DsnException {
        assertThat(new Target(name, dsn("mysql://h/"), Map.of()).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "prod db", "db/1", "ünïcode", "a,b"})
    void rejectsNamesThatAreNotLabelSafe(String name) throws DsnException {
        Dsn dsn = dsn("mysql://h/");

        assertThatThrownBy(() -> new Target(name, dsn, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may only contain letters, digits, '_', '.', ':' and '-'");
    }

    @Test
    void copiesTheLabels() throws DsnException {
        Map<String, String> labels = new HashMap<>(Map.of("env", "prod"));
        Target target = new Target("db", dsn("mysql://h/"), labels);
        labels.put("team", "x");

        assertThat(target.labels()).containsExactly(Map.entry("env", "prod"));
        assertThat(new Target("db", dsn("mysql://h/"), null).labels()).isEmpty();
    }

    @Test
    void refusesALabelNameThatCannotBeAnAlertLabel() throws DsnException {
        Dsn dsn = dsn("mysql://h/");

        assertThatThrownBy(() -> new Target("db", dsn, Map.of("cost-center", "7")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target db: label name 'cost-center' is not a valid alert label name ([a-zA-Z_][a-zA-Z0-9_]*)");
    }

    @Test
    void toStringShowsTheRedactedDsn() throws DsnException {
        assertThat(Target.of(dsn("mysql://root:hunter22@h/")).toString())
                .contains("mysql://root:***@h/")
                .doesNotContain("hunter22");
    }

    @Test
    void connectOptionsDefaultToFiveAndTenSeconds() {
        ConnectOptions options = ConnectOptions.defaults();

        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.statementTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.socketTimeout()).isGreaterThan(options.statementTimeout());
    }

    @Test
    void connectOptionsRejectZeroNegativeAndMissingTimeouts() {
        assertThatThrownBy(() -> new ConnectOptions(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("connectTimeout must be positive, got PT0S");
        assertThatThrownBy(() -> new ConnectOptions(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("statementTimeout must be positive, got PT-1S");
        assertThatThrownBy(() -> new ConnectOptions(null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void connectOptionsCanChangeOneTimeout() {
        ConnectOptions options = ConnectOptions.defaults().withStatementTimeout(Duration.ofSeconds(1));

        assertThat(options).isEqualTo(new ConnectOptions(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertThat(options.withConnectTimeout(Duration.ofMillis(300)).connectTimeout()).isEqualTo(Duration.ofMillis(300));
    }
}
