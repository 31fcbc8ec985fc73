package io.dbwarden.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertLabelsTest {

    private static LabelSet labels(Map<String, String> target, Map<String, String> key) {
        return AlertLabels.of("mysql_myisam_tables", "warning", "db1", "mysql", "reliability", target, key);
    }

    @Test
    void holdsTheFixedLabelsTheTargetsLabelsAndTheKeyFields() {
        assertThat(labels(Map.of("env", "prod"), Map.of("schema", "shop", "table", "orders")).asMap()).containsExactly(
                Map.entry("alertname", "mysql_myisam_tables"),
                Map.entry("category", "reliability"),
                Map.entry("dbwarden_check", "1"),
                Map.entry("engine", "mysql"),
                Map.entry("env", "prod"),
                Map.entry("schema", "shop"),
                Map.entry("service_name", "db1"),
                Map.entry("severity", "warning"),
                Map.entry("table", "orders"));
    }

    @Test
    void keepsAKeyFieldNamedLikeAFixedLabelAsExported() {
        LabelSet labels = labels(Map.of(), Map.of("engine", "MyISAM", "table", "t"));

        assertThat(labels.get("engine")).contains("mysql");
        assertThat(labels.get("exported_engine")).contains("MyISAM");
    }

    @Test
    void letsNoTargetLabelOverrideAFixedLabel() {
        LabelSet labels = labels(Map.of("service_name", "billing", "severity", "low"), Map.of());

        assertThat(labels.get("service_name")).contains("db1");
        assertThat(labels.get("severity")).contains("warning");
        assertThat(labels.get("exported_service_name")).contains("billing");
        assertThat(labels.get("exported_severity")).contains("low");
    }

    @Test
    void letsTheTargetsLabelsWinOverKeyFieldsPrefixingAgainUntilANameIsFree() {
        LabelSet labels = labels(Map.of("env", "prod", "exported_env", "x"), Map.of("env", "staging"));

        assertThat(labels.get("env")).contains("prod");
        assertThat(labels.get("exported_env")).contains("x");
        assertThat(labels.get("exported_exported_env")).contains("staging");
    }

    @Test
    void tellsApartFindingsThatDifferOnlyInAClashingKeyField() {
        assertThat(labels(Map.of("env", "prod"), Map.of("env", "a")).fingerprint())
                .isNotEqualTo(labels(Map.of("env", "prod"), Map.of("env", "b")).fingerprint());
    }

    @Test
    void leavesOutAnEmptyKeyFieldWithoutTakingItsName() {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("user", "");
        LabelSet labels = labels(Map.of("user", ""), key);

        assertThat(labels.asMap()).doesNotContainKeys("user", "exported_user");
    }

    @Test
    void refusesAKeyFieldNameThatCannotBeALabel() {
        assertThatThrownBy(() -> labels(Map.of(), Map.of("count(*)", "3")))
                .hasMessageContaining("'count(*)' is not a valid label name");
    }
}
