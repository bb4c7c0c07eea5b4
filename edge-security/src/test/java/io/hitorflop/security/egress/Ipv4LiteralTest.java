package io.hitorflop.security.egress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class Ipv4LiteralTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "127.0.0.1, 127.0.0.1",
            "2130706433, 127.0.0.1",
            "017700000001, 127.0.0.1",
            "0x7f000001, 127.0.0.1",
            "0X7F000001, 127.0.0.1",
            "0177.0.0.1, 127.0.0.1",
            "0x7f.0.0.1, 127.0.0.1",
            "127.1, 127.0.0.1",
            "127.0.1, 127.0.0.1",
            "0x7f.1, 127.0.0.1",
            "169.254.43518, 169.254.169.254",
            "2852039166, 169.254.169.254",
            "0xa9.0xfe.0xa9.0xfe, 169.254.169.254",
            "10.0.0.1., 10.0.0.1",
            "0, 0.0.0.0",
            "0x, 0.0.0.0",
            "4294967295, 255.255.255.255"})
    void readsEverySpellingInetAtonAccepts(String host, String address) {
        assertThat(Ipv4Literal.parse(host)).hasValueSatisfying(parsed -> assertThat(parsed.getHostAddress()).isEqualTo(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4294967296", "256.0.0.1", "1.2.3.4.5", "08.0.0.1", "0x1g", "1.2.3.256", "1.2.65536", "", "example.com"})
    void refusesWhatIsNotAnAddress(String host) {
        assertThat(Ipv4Literal.parse(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "2130706433", "a.b.0x10", "example.1", "08.0.0.1"})
    void hostsEndingInANumberAreAddresses(String host) {
        assertThat(Ipv4Literal.endsInANumber(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "1.example", "0xg", "localhost"})
    void hostNamesAreNot(String host) {
        assertThat(Ipv4Literal.endsInANumber(host)).isFalse();
    }
}
