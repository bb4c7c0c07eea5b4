package io.hitorflop.security.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies an address by the IANA special-purpose address registries (RFC 6890 and its updates:
 * RFC 1918 private, RFC 6598 shared/CGNAT, RFC 3927 and RFC 4291 link-local, RFC 4193 unique-local,
 * RFC 5737/3849 documentation). IPv6 addresses that carry an IPv4 address - IPv4-mapped and
 * -compatible (RFC 4291), NAT64 (RFC 6052, RFC 8215), 6to4 (RFC 3056) and Teredo (RFC 4380) - are
 * classified by the IPv4 address they lead to, since that is where the packets end up.
 */
public final class AddressClassifier {

    private record Block(Cidr cidr, AddressClass type) {
        static Block of(String cidr, AddressClass type) {
            return new Block(Cidr.parse(cidr), type);
        }
    }

    /** Checked in order: the first block that contains the address decides (the broadcast /32 comes before 240/4). */
    private static final List<Block> IPV4 = List.of(
            Block.of("0.0.0.0/8", AddressClass.UNSPECIFIED),
            Block.of("10.0.0.0/8", AddressClass.PRIVATE),
            Block.of("100.64.0.0/10", AddressClass.CARRIER_GRADE_NAT),
            Block.of("127.0.0.0/8", AddressClass.LOOPBACK),
            Block.of("169.254.0.0/16", AddressClass.LINK_LOCAL),
            Block.of("172.16.0.0/12", AddressClass.PRIVATE),
            Block.of("192.0.0.0/24", AddressClass.RESERVED),
            Block.of("192.0.2.0/24", AddressClass.RESERVED),
            Block.of("192.88.99.0/24", AddressClass.RESERVED),
            Block.of("192.168.0.0/16", AddressClass.PRIVATE),
            Block.of("198.18.0.0/15", AddressClass.RESERVED),
            Block.of("198.51.100.0/24", AddressClass.RESERVED),
            Block.of("203.0.113.0/24", AddressClass.RESERVED),
            Block.of("224.0.0.0/4", AddressClass.MULTICAST),
            Block.of("255.255.255.255/32", AddressClass.BROADCAST),
            Block.of("240.0.0.0/4", AddressClass.RESERVED));

    private static final List<Block> IPV6 = List.of(
            Block.of("::/128", AddressClass.UNSPECIFIED),
            Block.of("::1/128", AddressClass.LOOPBACK),
            Block.of("100::/64", AddressClass.RESERVED),
            Block.of("2001:db8::/32", AddressClass.RESERVED),
            Block.of("fc00::/7", AddressClass.UNIQUE_LOCAL),
            Block.of("fe80::/10", AddressClass.LINK_LOCAL),
            Block.of("fec0::/10", AddressClass.PRIVATE),
            Block.of("ff00::/8", AddressClass.MULTICAST));

    /** IPv6 prefixes followed by an embedded IPv4 address, and the byte offset where it starts. */
    private static final Map<Cidr, Integer> EMBEDDING_IPV4 = Map.of(
            Cidr.parse("::ffff:0:0/96"), 12,
            Cidr.parse("::/96"), 12,
            Cidr.parse("64:ff9b::/96"), 12,
            Cidr.parse("64:ff9b:1::/48"), 12,
            Cidr.parse("2002::/16"), 2);

    private static final Cidr TEREDO = Cidr.parse("2001::/32");
    private static final Cidr IPV6_UNSPECIFIED = Cidr.parse("::/128");
    private static final Cidr IPV6_LOOPBACK = Cidr.parse("::1/128");

    private AddressClassifier() {
    }

    public static AddressClass classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return classify(bytes, IPV4);
        }
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            AddressClass carried = classify(embedded.get().getAddress(), IPV4);
            if (carried != AddressClass.PUBLIC) {
                return carried;
            }
        }
        return classify(bytes, IPV6);
    }

    /** The IPv4 address an IPv6 address leads to (mapped, compatible, NAT64, 6to4, Teredo client), if any. */
    public static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        if (IPV6_UNSPECIFIED.contains(bytes) || IPV6_LOOPBACK.contains(bytes)) {
            return Optional.empty();
        }
        for (Map.Entry<Cidr, Integer> embedding : EMBEDDING_IPV4.entrySet()) {
            if (embedding.getKey().contains(bytes)) {
                int at = embedding.getValue();
                return Optional.of(ipv4(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]));
            }
        }
        if (TEREDO.contains(bytes)) {
            // RFC 4380 section 4: the client's IPv4 address is stored inverted in the last 32 bits.
            return Optional.of(ipv4((byte) ~bytes[12], (byte) ~bytes[13], (byte) ~bytes[14], (byte) ~bytes[15]));
        }
        return Optional.empty();
    }

    private static AddressClass classify(byte[] bytes, List<Block> blocks) {
        for (Block block : blocks) {
            if (block.cidr().contains(bytes)) {
                return block.type();
            }
        }
        return AddressClass.PUBLIC;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
