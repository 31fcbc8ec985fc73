package io.dbwarden.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void replacesEveryOccurrenceOfTheScrubbedPassword() {
        assertThat(Secrets.scrub("bad password 's3cret', was s3cret", "s3cret")).isEqualTo("bad password '***', was ***");
    }

    @Test
    void replacesThePercentEncodedFormToo() {
        assertThat(Secrets.scrub("url user:p%40ss@h", "p@ss")).isEqualTo("url user:***@h");
    }

    @Test
    void masksAShortPasswordOnlyAsAWholeWord() {
        assertThat(Secrets.scrub("password 'ab' for user abby", "ab")).isEqualTo("password '***' for user abby");
    }

    @Test
    void leavesTextAloneWithoutAPassword() {
        assertThat(Secrets.scrub("nothing", null)).isEqualTo("nothing");
        assertThat(Secrets.scrub("nothing", "")).isEqualTo("nothing");
        assertThat(Secrets.scrub(null, "pw")).isNull();
    }

    @Test
    void findsThePasswordAnywhereInACauseChain() {
        SQLException top = new SQLException("connect failed", new RuntimeException("wrapped", new Exception("pw=hunter22")));
        Exception withSuppressed = new Exception("outer");
        withSuppressed.addSuppressed(new Exception("hunter22"));

        assertThat(Secrets.leaks(top, "hunter22")).isTrue();
        assertThat(Secrets.leaks(withSuppressed, "hunter22")).isTrue();
        assertThat(Secrets.leaks(top, "other-pass")).isFalse();
    }
}
