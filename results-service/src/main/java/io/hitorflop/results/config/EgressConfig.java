package io.hitorflop.results.config;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * Where webhooks may be posted besides public addresses ({@code hitorflop.egress.*}, the same
 * key as the ingest service's downloads); see README.md.
 */
@ConfigMapping(prefix = "hitorflop.egress")
public interface EgressConfig {

    /** CIDR blocks ({@code 127.0.0.1/32}) and host names that may be reached although not public; empty by default. */
    Optional<List<String>> allowList();
}
