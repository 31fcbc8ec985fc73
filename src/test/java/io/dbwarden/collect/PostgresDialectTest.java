package io.dbwarden.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresDialectTest {

    @ParameterizedTest(name = "server_version_num {0} is {1}.{2}.{3}")
    @CsvSource({"90624, 9, 6, 24", "90500, 9, 5, 0", "100023, 10, 23, 0", "150020, 15, 20, 0", "180004, 18, 4, 0"})
    void readsServerVersionNumBeforeAndAfterPostgresql10(long num, int major, int minor, int patch) {
        assertThat(PostgresDialect.major(num)).isEqualTo(major);
        assertThat(PostgresDialect.minor(num)).isEqualTo(minor);
        assertThat(PostgresDialect.patch(num)).isEqualTo(patch);
    }

    @ParameterizedTest(name = "{0} {1} {2} is {3}")
    @CsvSource({"on, , bool, true", "128MB, , string, 128MB", "16384, 8kB, integer, 134217728", "-1, kB, integer, -1",
            "60, s, integer, 60000", "0.9, , real, 0.9", "5, min, integer, 300000"})
    void typesSettingsAsNumbersInBytesAndMilliseconds(String value, String unit, String type, String expected) {
        assertThat(String.valueOf(PostgresDialect.setting(value, unit, type))).isEqualTo(expected);
    }
}
