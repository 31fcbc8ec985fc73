package io.dbwarden.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusTextTest {

    private static PrometheusText.Sample line(String text) {
        return PrometheusText.parseLine(text, name -> true);
    }

    @Test
    void readsNameLabelsAndValue() {
        PrometheusText.Sample sample = line("node_cpu_seconds_total{cpu=\"3\",mode=\"idle\"} 279.29");

        assertThat(sample.name()).isEqualTo("node_cpu_seconds_total");
        assertThat(sample.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("cpu", "3", "mode", "idle"));
        assertThat(sample.value()).isEqualTo("279.29");
    }

    @Test
    void readsEscapedQuotesBackslashesNewlinesCommasAndBracesInsideLabelValues() {
        PrometheusText.Sample sample =
                line("m{path=\"C:\\\\x\",msg=\"say \\\"hi\\\", then}\\nbye\" , empty=\"\",} 1");

        assertThat(sample.labels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("path", "C:\\x", "msg", "say \"hi\", then}\nbye", "empty", ""));
    }

    @Test
    void readsExponentFloatsExactly() {
        assertThat(line("node_memory_MemTotal_bytes 2.527602688e+10").finiteValue())
                .isEqualByComparingTo(new BigDecimal("25276026880"));
        assertThat(line("x 1.5E3").finiteValue()).isEqualByComparingTo("1500");
        assertThat(line("x -2e-3").finiteValue()).isEqualByComparingTo("-0.002");
    }

    @Test
    void readsNanAndInfinitiesAsNotFinite() {
        assertThat(line("x NaN").finiteValue()).isNull();
        assertThat(line("x +Inf").finiteValue()).isNull();
        assertThat(line("x -Inf").finiteValue()).isNull();
    }

    @Test
    void acceptsATimestampEmptyLabelsTabsAndColonsInNames() {
        assertThat(line("x{} 42 1700000000000").value()).isEqualTo("42");
        assertThat(line("x\t7\t-5").value()).isEqualTo("7");
        assertThat(line("job:node_memory:sum 8").name()).isEqualTo("job:node_memory:sum");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "# HELP x Total memory.", "# TYPE x gauge", "#x 1",
        "x", "x{", "x{cpu=\"0\"", "x{cpu=0} 1", "x{cpu=\"0} 1", "x{\"cpu\"=\"0\"} 1", "x{cpu=\"0\"}1",
        "x one", "x 1 2 3", "x 1 1.5", "x 0x10", "x 1d", "1x 2", "x{cpu=\"0\" mode=\"idle\"} 1",
    })
    void skipsCommentsBlankAndMalformedLines(String text) {
        assertThat(line(text)).isNull();
    }

    @Test
    void parsesOnlyWantedMetricsAndSkipsBrokenLinesInAWholeExposition() {
        String text = """
                # HELP node_memory_MemTotal_bytes Memory information field MemTotal_bytes.
                # TYPE node_memory_MemTotal_bytes gauge
                node_memory_MemTotal_bytes 2.527602688e+10\r
                this line is broken
                go_gc_duration_seconds{quantile="0.5"} NaN
                node_cpu_seconds_total{cpu="0",mode="idle"} 10
                """;

        assertThat(PrometheusText.parse(text, name -> name.startsWith("node_")))
                .extracting(PrometheusText.Sample::name)
                .containsExactly("node_memory_MemTotal_bytes", "node_cpu_seconds_total");
    }
}
