package io.hitorflop.security.egress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which destinations outbound requests may reach besides public addresses: an allow-list of CIDR
 * blocks ({@code 127.0.0.1/32}, {@code 10.20.0.0/16}, a bare address) and host names (exact,
 * case-insensitive). Empty by default; meant for tests and private deployments.
 */
public record EgressPolicy(List<Cidr> allowedBlocks, Set<String> allowedHosts) {

    public EgressPolicy {
        allowedBlocks = List.copyOf(allowedBlocks);
        allowedHosts = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Public addresses only. */
    public static EgressPolicy publicOnly() {
        return new EgressPolicy(List.of(), Set.of());
    }

    /** Reads allow-list entries: an entry with a digit-or-colon start and a valid address is a block, anything else a host name. */
    public static EgressPolicy allowing(Collection<String> entries) {
        List<Cidr> blocks = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.contains(":") || trimmed.contains("/") || Ipv4Literal.endsInANumber(trimmed)) {
                blocks.add(Cidr.parse(trimmed));
            } else {
                hosts.add(trimmed);
            }
        }
        return new EgressPolicy(blocks, Set.copyOf(hosts));
    }

    boolean allowsHost(String host) {
        return allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    boolean allowsAddress(java.net.InetAddress address) {
        return allowedBlocks.stream().anyMatch(block -> block.contains(address));
    }
}
