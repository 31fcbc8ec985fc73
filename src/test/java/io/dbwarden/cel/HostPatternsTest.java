package io.dbwarden.cel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPatternsTest {

    @ParameterizedTest(name = "{0} is loopback: {1}")
    @CsvSource({
            "localhost, true", "127.0.0.1, true", "::1, true", "127.0.0.1/32, true", "::1/128, true", "127.%, true",
            "samehost, true", "%, false", "10.0.0.1, false", "0.0.0.0/0, false", "127.0.0.0/1, false", "db.example.com, false"})
    void recognisesLoopbackPatterns(String pattern, boolean expected) {
        assertThat(HostPatterns.isLoopback(pattern)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is private: {1}")
    @CsvSource({
            "10.%, true", "10.1.2.3, true", "192.168.1.%, true", "172.16.%, true", "172.31.5.%, true", "172.32.%, false",
            "172.%, false", "10.0.0.0/255.0.0.0, true", "10.0.0.0/8, true", "10.0.0.0/7, false", "192.168.0.0/16, true",
            "%, false", "0.0.0.0/0, false", "8.8.8.8, false", "fd00::1, true", "samenet, true", "localhost, true",
            "app.internal, false", "1%, false", "fd00:1::%, true", "fe80::%, true", "2001:db8::%, false", "fd%, false"})
    void recognisesPrivateNetworkPatterns(String pattern, boolean expected) {
        assertThat(HostPatterns.isPrivateNetwork(pattern)).isEqualTo(expected);
    }
}
