package io.dbwarden.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void ofTheEmptyLabelSetIsTheFnv1aOffsetBasis() {
        assertThat(LabelSet.EMPTY.fingerprint().toString()).isEqualTo("cbf29ce484222325");
    }

    @Test
    void matchesWhatAlertmanager025PrintedForTheseLabelSets() {
        // Read from GET /api/v2/alerts of prometheus-alertmanager 0.25.0 (Debian 12); AlertmanagerFingerprintTest
        // compares against the running binary.
        assertThat(LabelSet.of(Map.of("__x", "1")).fingerprint().toString()).isEqualTo("216a706c3a9b0b4a");
        assertThat(LabelSet.of(Map.of("Z", "\uFFFD", "b", "x\u00ff")).fingerprint().toString())
                .isEqualTo("823563e314c67950");
    }

    @Test
    void separatesNamesFromValuesSoShiftingABoundaryChangesIt() {
        assertThat(LabelSet.of(Map.of("ab", "c")).fingerprint()).isNotEqualTo(LabelSet.of(Map.of("a", "bc")).fingerprint());
    }

    @Test
    void printsSixteenLowerCaseHexDigitsLeadingZerosIncluded() {
        assertThat(new Fingerprint(1).toString()).isEqualTo("0000000000000001");
        assertThat(new Fingerprint(-1).toString()).isEqualTo("ffffffffffffffff");
    }

    @Test
    void readsBackWhatItPrints() {
        Fingerprint f = LabelSet.of(Map.of("alertname", "x")).fingerprint();

        assertThat(Fingerprint.parse(f.toString())).isEqualTo(f);
        assertThat(Fingerprint.parse("FFFFFFFFFFFFFFFF")).isEqualTo(new Fingerprint(-1));
    }

    @Test
    void refusesTextThatIsNotSixteenHexDigits() {
        assertThatThrownBy(() -> Fingerprint.parse("123")).hasMessage("a fingerprint is 16 hex digits, not '123'");
        assertThatThrownBy(() -> Fingerprint.parse("zz6a706c3a9b0b4a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprint.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
