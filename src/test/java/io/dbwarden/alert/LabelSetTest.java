package io.dbwarden.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSetTest {

    @Test
    void dropsEmptyValuesAsAlertmanagerDoes() {
        Map<String, String> withEmpty = new LinkedHashMap<>();
        withEmpty.put("alertname", "x");
        withEmpty.put("user", "");

        LabelSet labels = LabelSet.of(withEmpty);

        assertThat(labels.asMap()).containsExactly(Map.entry("alertname", "x"));
        assertThat(labels).isEqualTo(LabelSet.of(Map.of("alertname", "x")));
        assertThat(labels.fingerprint()).isEqualTo(LabelSet.of(Map.of("alertname", "x")).fingerprint());
    }

    @Test
    void isTheSameWhateverOrderTheLabelsCameIn() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("b", "2");
        one.put("a", "1");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("a", "1");
        other.put("b", "2");

        assertThat(LabelSet.of(one)).isEqualTo(LabelSet.of(other));
        assertThat(LabelSet.of(one).fingerprint()).isEqualTo(LabelSet.of(other).fingerprint());
        assertThat(LabelSet.of(one).asMap().keySet()).containsExactly("a", "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-b", "1st", "", "naïve", "a.b", "a b"})
    void refusesANameThatIsNotAPrometheusLabelName(String name) {
        assertThatThrownBy(() -> LabelSet.of(Map.of(name, "v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + name + "' is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_", "__name__", "A9_z", "service_name"})
    void acceptsPrometheusLabelNames(String name) {
        assertThat(LabelSet.isValidName(name)).isTrue();
    }

    @Test
    void replacesAnUnpairedSurrogateWithUFFFDAndKeepsPairedOnes() {
        LabelSet labels = LabelSet.of(Map.of("lone", "a\uD800b\uDC00", "pair", "🔥"));

        assertThat(labels.get("lone")).contains("a\uFFFDb\uFFFD");
        assertThat(labels.get("pair")).contains("🔥");
    }

    @Test
    void printsLikeAPrometheusLabelSet() {
        assertThat(LabelSet.of(Map.of("severity", "warning", "alertname", "x", "q", "say \"hi\"\n")))
                .hasToString("{alertname=\"x\", q=\"say \\\"hi\\\"\\n\", severity=\"warning\"}");
    }
}
