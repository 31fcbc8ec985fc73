package io.dbwarden.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    private static final long KIB = 1024L;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    @ParameterizedTest(name = "\"{0}\" is {1} bytes")
    @CsvSource(delimiter = '|', value = {
        "64GiB     | 68719476736",
        "64G       | 68719476736",
        "64GB      | 68719476736",
        "64gb      | 68719476736",
        "64 GiB    | 68719476736",
        "'  64  gib '| 68719476736",
        "512MiB    | 536870912",
        "512M      | 536870912",
        "128MB     | 134217728",
        "8kB       | 8192",
        "8K        | 8192",
        "8KiB      | 8192",
        "8kb       | 8192",
        "2T        | 2199023255552",
        "2TiB      | 2199023255552",
        "2tb       | 2199023255552",
        "1024      | 1024",
        "1024B     | 1024",
        "1024 b    | 1024",
        "0         | 0",
        "0GiB      | 0",
        "1.5GiB    | 1610612736",
        "1.50 G    | 1610612736",
        "0.5K      | 512",
        "0.1KiB    | 102",
        "1.0B      | 1",
        "007M      | 7340032",
        "8388607T  | 9223370937343148032",
    })
    void parsesBinaryAndDecimalSuffixesAsBinary(String text, long expected) {
        assertThat(ByteSize.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
    @CsvSource(delimiter = '|', value = {
        "''            | Invalid byte size \"\"",
        "'   '         | Invalid byte size \"   \"",
        "GiB           | Invalid byte size \"GiB\"",
        "-1            | Invalid byte size \"-1\"",
        "-64GiB        | Invalid byte size \"-64GiB\"",
        "+64GiB        | Invalid byte size \"+64GiB\"",
        "64 XB         | unknown unit \"XB\"",
        "64Gi          | unknown unit \"Gi\"",
        "64 gigabytes  | unknown unit \"gigabytes\"",
        "1PiB          | unknown unit \"PiB\"",
        "1.5           | a count of bytes must be a whole number",
        "1.5B          | a count of bytes must be a whole number",
        ".5G           | Invalid byte size \".5G\"",
        "5.G           | Invalid byte size \"5.G\"",
        "1,024         | Invalid byte size \"1,024\"",
        "64 G iB       | Invalid byte size \"64 G iB\"",
        "1e3           | Invalid byte size \"1e3\"",
        "8388608T      | it is larger than 9223372036854775807 bytes",
        "99999999999999999999 | it is larger than",
    })
    void rejectsMalformedSizesNamingTheInputAndTheAcceptedForms(String text, String problem) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining("expected a non-negative number with an optional 1024-based unit")
                .hasMessageContaining("K/KB/KiB");
    }

    @Test
    void rejectsAMissingSize() {
        assertThatThrownBy(() -> ByteSize.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Byte size is missing; expected a non-negative number");
    }

    @ParameterizedTest(name = "{0} bytes formats as \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "0                    | 0 B",
        "512                  | 512 B",
        "1023                 | 1023 B",
        "1024                 | 1 KiB",
        "1536                 | 1.5 KiB",
        "8192                 | 8 KiB",
        "134217728            | 128 MiB",
        "1610612736           | 1.5 GiB",
        "68719476736          | 64 GiB",
        "1073741823           | 1 GiB",
        "1048524              | 1023.9 KiB",
        "1048575              | 1 MiB",
        "1181116006           | 1.1 GiB",
        "2199023255552        | 2 TiB",
        "1125899906842624     | 1 PiB",
        "9223372036854775807  | 8 EiB",
    })
    void formatsWithBinaryUnitsAndAtMostOneDecimal(long bytes, String expected) {
        assertThat(ByteSize.format(bytes)).isEqualTo(expected);
    }

    @Test
    void formatKeepsTheSignOfANegativeDifference() {
        assertThat(ByteSize.format(-1)).isEqualTo("-1 B");
        assertThat(ByteSize.format(-1536L * 1024 * 1024)).isEqualTo("-1.5 GiB");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 512, KIB, 8 * KIB, 128 * MIB, 3 * GIB / 2, 64 * GIB, 1L << 40})
    void formattedWholeOrHalfUnitsParseBackExactly(long bytes) {
        assertThat(ByteSize.parse(ByteSize.format(bytes))).isEqualTo(bytes);
    }
}
