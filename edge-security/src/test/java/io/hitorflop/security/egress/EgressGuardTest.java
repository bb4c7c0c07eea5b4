package io.hitorflop.security.egress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EgressGuardTest {

    /** A DNS stand-in: names a test chooses resolve to the addresses it chooses; nothing else resolves. */
    private static final Map<String, List<String>> DNS = Map.of(
            "songs.example", List.of("93.184.216.34"),
            "metadata.example", List.of("169.254.169.254"),
            "intranet.example", List.of("10.1.2.3"),
            "split.example", List.of("93.184.216.34", "192.168.0.10"),
            "v6local.example", List.of("fd00::5"),
            "dev.internal", List.of("10.9.9.9"));

    private static final HostResolver RESOLVER = host -> {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = InetAddress.getByName(addresses.get(i));
        }
        return resolved;
    };

    private final EgressGuard guard = new EgressGuard(EgressPolicy.publicOnly(), RESOLVER);

    @ParameterizedTest
    @ValueSource(strings = {"https://songs.example/a.mp3", "http://songs.example:8080/x?y=1", "HTTPS://SONGS.EXAMPLE/a",
            "http://8.8.8.8/", "http://[2606:4700:4700::1111]/", "http://134744072/"})
    void publicDestinationsPass(String url) throws ForbiddenDestinationException {
        assertThat(guard.vet(url).addresses()).allSatisfy(address ->
                assertThat(AddressClassifier.classify(address)).isEqualTo(AddressClass.PUBLIC));
    }

    @Test
    void theVettedAddressesAreTheOnesResolved() throws ForbiddenDestinationException {
        VettedDestination vetted = guard.vet("https://Songs.Example/a.mp3");
        assertThat(vetted.host()).isEqualTo("songs.example");
        assertThat(vetted.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1/|loopback",
            "http://localhost.localdomain.invalid/|could not be resolved",
            "http://10.0.0.1/|private-network",
            "http://172.16.5.4/|private-network",
            "http://192.168.0.1/|private-network",
            "http://169.254.169.254/latest/meta-data/|link-local",
            "http://100.64.0.1/|carrier-grade NAT",
            "http://224.0.0.1/|multicast",
            "http://0.0.0.0/|unspecified",
            "http://255.255.255.255/|broadcast",
            "http://[::1]/|loopback",
            "http://[::]/|unspecified",
            "http://[fc00::1]/|unique-local",
            "http://[fe80::1]/|link-local",
            "http://[ff02::1]/|multicast",
            "http://[::ffff:127.0.0.1]/|loopback",
            "http://[::ffff:7f00:1]/|loopback",
            "http://[::ffff:169.254.169.254]/|link-local",
            "http://[64:ff9b::a9fe:a9fe]/|link-local",
            "http://[2002:a00:1::]/|private-network",
            "http://2130706433/|loopback",
            "http://017700000001/|loopback",
            "http://0x7f000001/|loopback",
            "http://0x7f.1/|loopback",
            "http://127.1/|loopback",
            "http://0177.0.0.1/|loopback",
            "http://2852039166/|link-local",
            "http://0xa9fea9fe/|link-local",
            "http://0251.0376.0251.0376/|link-local",
            "http://metadata.example/|link-local",
            "http://intranet.example/|private-network",
            "http://split.example/|private-network",
            "http://v6local.example/|unique-local",
            "http://999.1.1.1/|neither a host name nor a valid IPv4",
            "ftp://songs.example/a.mp3|only http and https",
            "file:///etc/passwd|only http and https",
            "gopher://songs.example/|only http and https",
            "jar:http://songs.example/a!/b|only http and https",
            "http://user:pw@songs.example/|credentials",
            "http:///path|no host",
            "not a url|not a valid URL",
            "songs.example/a.mp3|only http and https"})
    void forbiddenDestinationsAreRefusedWithTheReason(String url, String reason) {
        assertThatThrownBy(() -> guard.vet(url))
                .isInstanceOf(ForbiddenDestinationException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void theAllowListOpensBlocksAndHostsAndNothingElse() throws ForbiddenDestinationException {
        EgressGuard allowing = new EgressGuard(EgressPolicy.allowing(List.of("127.0.0.1/32", " 10.1.0.0/16 ", "dev.internal", "")),
                RESOLVER);

        assertThat(allowing.vet("http://127.0.0.1:8080/").addresses()).hasSize(1);
        assertThat(allowing.vet("http://2130706433/").addresses()).hasSize(1);
        assertThat(allowing.vet("http://intranet.example/").addresses()).hasSize(1);
        assertThat(allowing.vet("http://DEV.internal/").addresses()).hasSize(1);
        assertThatThrownBy(() -> allowing.vet("http://127.0.0.2/")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> allowing.vet("http://169.254.169.254/")).hasMessageContaining("link-local");
        assertThatThrownBy(() -> allowing.vet("http://[::1]/")).hasMessageContaining("loopback");
    }

    @Test
    void anInvalidAllowListEntryIsAConfigurationError() {
        assertThatThrownBy(() -> EgressPolicy.allowing(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressPolicy.allowing(List.of("300.1.1.1/8"))).isInstanceOf(IllegalArgumentException.class);
    }
}
