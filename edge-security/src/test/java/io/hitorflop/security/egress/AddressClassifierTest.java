package io.hitorflop.security.egress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class AddressClassifierTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "8.8.8.8, PUBLIC",
            "1.1.1.1, PUBLIC",
            "172.32.0.1, PUBLIC",
            "100.128.0.1, PUBLIC",
            "127.0.0.1, LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "10.0.0.1, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "192.168.1.1, PRIVATE",
            "169.254.169.254, LINK_LOCAL",
            "169.254.0.1, LINK_LOCAL",
            "100.64.0.1, CARRIER_GRADE_NAT",
            "100.127.255.255, CARRIER_GRADE_NAT",
            "224.0.0.1, MULTICAST",
            "239.255.255.250, MULTICAST",
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "255.255.255.255, BROADCAST",
            "240.0.0.1, RESERVED",
            "192.0.2.1, RESERVED",
            "198.18.0.1, RESERVED",
            "2606:4700:4700::1111, PUBLIC",
            "::1, LOOPBACK",
            "::, UNSPECIFIED",
            "fc00::1, UNIQUE_LOCAL",
            "fd12:3456::1, UNIQUE_LOCAL",
            "fe80::1, LINK_LOCAL",
            "febf::1, LINK_LOCAL",
            "ff02::1, MULTICAST",
            "2001:db8::1, RESERVED",
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:a9fe:a9fe, LINK_LOCAL",
            "::ffff:8.8.8.8, PUBLIC",
            "::127.0.0.1, LOOPBACK",
            "::10.0.0.1, PRIVATE",
            "64:ff9b::a9fe:a9fe, LINK_LOCAL",
            "64:ff9b::10.1.2.3, PRIVATE",
            "64:ff9b:1::c0a8:1, PRIVATE",
            "2002:7f00:1::1, LOOPBACK",
            "2002:a9fe:a9fe::, LINK_LOCAL",
            "2002:0808:0808::1, PUBLIC",
            "2001:0:4136:e378:8000:63bf:80ff:fffe, LOOPBACK",
            "2001:0:4136:e378:8000:63bf:f5ff:fffe, PRIVATE"})
    void classifiesByTheSpecialPurposeRegistries(String address, AddressClass expected) throws UnknownHostException {
        assertThat(AddressClassifier.classify(InetAddress.getByName(address))).isEqualTo(expected);
    }
}
