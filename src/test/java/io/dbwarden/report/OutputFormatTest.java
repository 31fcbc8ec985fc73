package io.dbwarden.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutputFormatTest {

    @Test
    void parsesIdsIgnoringCaseAndBlanks() {
        assertThat(OutputFormat.fromId("json")).isEqualTo(OutputFormat.JSON);
        assertThat(OutputFormat.fromId(" Markdown ")).isEqualTo(OutputFormat.MARKDOWN);
    }

    @Test
    void rejectsAnUnknownIdListingTheValidOnes() {
        assertThatThrownBy(() -> OutputFormat.fromId("yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown output format 'yaml' (expected one of: text, json, sarif, junit, markdown)");
        assertThatThrownBy(() -> OutputFormat.fromId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factoryReturnsTheFormatterForEachFormat() {
        assertThat(RunFormatters.forFormat(OutputFormat.TEXT, false)).isInstanceOf(TextRunFormatter.class);
        assertThat(RunFormatters.forFormat(OutputFormat.JSON, false)).isInstanceOf(JsonRunFormatter.class);
        assertThat(RunFormatters.forFormat(OutputFormat.SARIF, false)).isInstanceOf(SarifRunFormatter.class);
        assertThat(RunFormatters.forFormat(OutputFormat.JUNIT, false)).isInstanceOf(JunitRunFormatter.class);
        assertThat(RunFormatters.forFormat(OutputFormat.MARKDOWN, false)).isInstanceOf(MarkdownRunFormatter.class);
    }

    @Test
    void factoryColoursTextOnlyWhenAsked() {
        String coloured = Reports.render(RunFormatters.forFormat(OutputFormat.TEXT, true), Reports.sample());
        String plain = Reports.render(RunFormatters.forFormat(OutputFormat.TEXT, false), Reports.sample());

        assertThat(coloured).contains("\u001b[");
        assertThat(plain).doesNotContain("\u001b");
    }
}
