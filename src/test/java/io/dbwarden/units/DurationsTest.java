package io.dbwarden.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
        "500ms      | PT0.5S",
        "10s        | PT10S",
        "5m         | PT5M",
        "1h         | PT1H",
        "6h         | PT6H",
        "1d         | PT24H",
        "1h30m      | PT1H30M",
        "1h 30m     | PT1H30M",
        "'  1h30m ' | PT1H30M",
        "1H30M      | PT1H30M",
        "500MS      | PT0.5S",
        "2d3h4m5s6ms| PT51H4M5.006S",
        "1m30s      | PT1M30S",
        "5min       | PT5M",
        "1h30min    | PT1H30M",
        "1.5h       | PT1H30M",
        "0.5s       | PT0.5S",
        "10 s       | PT10S",
        "250us      | PT0.00025S",
        "7ns        | PT0.000000007S",
        "30         | PT30S",
        "0          | PT0S",
        "1.25       | PT1.25S",
        "0s         | PT0S",
    })
    void parsesUnitsAndPlainSeconds(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
    @CsvSource(delimiter = '|', value = {
        "''          | Invalid duration \"\"",
        "'  '        | Invalid duration \"  \"",
        "h           | Invalid duration \"h\"",
        "-5s         | Invalid duration \"-5s\"",
        "5s5         | Invalid duration \"5s5\"",
        "5x          | Invalid duration \"5x\"",
        "5 minutes   | Invalid duration \"5 minutes\"",
        "1h30        | Invalid duration \"1h30\"",
        "1h-30m      | Invalid duration \"1h-30m\"",
        "PT5S        | Invalid duration \"PT5S\"",
        ".5s         | Invalid duration \".5s\"",
        "30m1h       | unit \"h\" must come before \"m\" and appear only once",
        "1m1m        | unit \"m\" must come before \"m\" and appear only once",
        "1min1m      | unit \"m\" must come before \"m\" and appear only once",
        "5mins       | Invalid duration \"5mins\"",
        "99999999999999999999d | it is too long to represent",
    })
    void rejectsMalformedDurationsNamingTheInputAndTheAcceptedForms(String text, String problem) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining("expected a non-negative number of seconds or amounts with units");
    }

    @Test
    void rejectsAMissingDuration() {
        assertThatThrownBy(() -> Durations.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Duration is missing; expected");
    }

    @ParameterizedTest(name = "{0} formats as \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "PT1H30M         | 1h30m",
        "PT0.25S         | 250ms",
        "PT0S            | 0s",
        "PT10S           | 10s",
        "PT24H           | 1d",
        "PT26H0.5S       | 1d2h500ms",
        "PT1M30.001S     | 1m30s1ms",
        "PT0.0000015S    | 1us500ns",
    })
    void formatsAsCompactComponents(Duration duration, String expected) {
        assertThat(Durations.format(duration)).isEqualTo(expected);
    }

    @Test
    void formatRejectsNegativeAndMissingDurations() {
        assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot format a negative duration: PT-1S.");
        assertThatThrownBy(() -> Durations.format(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot format a missing duration.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500ms", "10s", "5m", "1h", "6h", "1d", "1h30m", "2d3h4m5s6ms7us8ns"})
    void formattedDurationsParseBackToTheSameText(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }
}
