package io.hitorflop.security.egress;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A URL that passed the guard, with the addresses its host resolved to when it was checked. The
 * client connects only to these addresses, so a second, different DNS answer cannot redirect it.
 *
 * @param host the host as it appears in the URL (brackets removed from IPv6 literals), for Host and TLS SNI
 */
public record VettedDestination(URI uri, String host, List<InetAddress> addresses) {

    public VettedDestination {
        addresses = List.copyOf(addresses);
    }
}
