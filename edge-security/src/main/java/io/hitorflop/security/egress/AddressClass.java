package io.hitorflop.security.egress;

/** What an address is for, as far as outbound requests care. Only {@link #PUBLIC} may be reached by default. */
public enum AddressClass {
    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private-network address"),
    LINK_LOCAL("a link-local address (cloud metadata lives here)"),
    CARRIER_GRADE_NAT("a carrier-grade NAT address"),
    UNIQUE_LOCAL("an IPv6 unique-local address"),
    MULTICAST("a multicast address"),
    UNSPECIFIED("an unspecified (this-host) address"),
    BROADCAST("the broadcast address"),
    RESERVED("a reserved or documentation address");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
