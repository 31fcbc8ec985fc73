package io.dbwarden.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelValuesTest {

    @Test
    void keepsTextAsItIs() {
        assertThat(LabelValues.of("'app'@'%'")).isEqualTo("'app'@'%'");
    }

    @Test
    void writesIntegersInDecimal() {
        assertThat(LabelValues.of(2L)).isEqualTo("2");
        assertThat(LabelValues.of(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    }

    @Test
    void writesAnIntegralDoubleLikeTheIntegerSoBothLabelAlike() {
        assertThat(LabelValues.of(3.0)).isEqualTo(LabelValues.of(3L)).isEqualTo("3");
        assertThat(LabelValues.of(-0.0)).isEqualTo("0");
    }

    @Test
    void writesOtherDoublesInTheShortestFormThatReadsBackTheSame() {
        assertThat(LabelValues.of(0.1)).isEqualTo("0.1");
        assertThat(LabelValues.of(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(LabelValues.of(-2.5)).isEqualTo("-2.5");
        assertThat(LabelValues.of(1e-7)).isEqualTo("0.0000001");
        assertThat(LabelValues.of(1.5e-8)).isEqualTo("1.5e-8");
        assertThat(LabelValues.of(123456789012345680000.0)).isEqualTo("123456789012345680000");
        assertThat(LabelValues.of(1e21)).isEqualTo("1e+21");
        assertThat(LabelValues.of(-2.5e300)).isEqualTo("-2.5e+300");
        assertThat(Double.parseDouble(LabelValues.of(Math.PI))).isEqualTo(Math.PI);
    }

    @Test
    void writesNonFiniteDoublesAsPrometheusDoes() {
        assertThat(LabelValues.of(Double.NaN)).isEqualTo("NaN");
        assertThat(LabelValues.of(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(LabelValues.of(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void writesBooleansAndNull() {
        assertThat(LabelValues.of(true)).isEqualTo("true");
        assertThat(LabelValues.of(null)).as("an empty value: no label").isEmpty();
    }

    @Test
    void writesListsAndMapsAsCompactJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", "v\"");
        map.put("n", 1.0);
        map.put("none", null);

        assertThat(LabelValues.of(Arrays.asList("a", 1L, 2.5, true, null))).isEqualTo("[\"a\",1,2.5,true,null]");
        assertThat(LabelValues.of(map)).isEqualTo("{\"k\":\"v\\\"\",\"n\":1,\"none\":null}");
        assertThat(LabelValues.of(List.of(List.of(), Map.of()))).isEqualTo("[[],{}]");
    }
}
