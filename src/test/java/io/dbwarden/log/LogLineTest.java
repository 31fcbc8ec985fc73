package io.dbwarden.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLineTest {

    @Test
    void plainValuesStayBareAndOthersAreQuotedSoTheLineStillParses() {
        String line = LogLine.of("event")
                .add("route", "/api/v1/runs/{id}")
                .add("reason", "connection refused")
                .add("quote", "say \"hi\"")
                .add("newline", "a\nb")
                .add("empty", "")
                .toString();

        assertThat(line).isEqualTo("event route=/api/v1/runs/{id} reason=\"connection refused\" "
                + "quote=\"say \\\"hi\\\"\" newline=\"a\\nb\" empty=\"\"");
    }
}
