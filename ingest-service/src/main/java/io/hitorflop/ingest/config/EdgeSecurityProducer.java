package io.hitorflop.ingest.config;

import io.hitorflop.security.apikeys.ApiKeys;
import io.hitorflop.security.egress.EgressGuard;
import io.hitorflop.security.egress.EgressPolicy;
import io.hitorflop.security.egress.GuardedHttpClient;
import io.hitorflop.service.config.SecurityConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.List;

/** The edge-security objects, built from configuration. */
@ApplicationScoped
public class EdgeSecurityProducer {

    private static final Logger LOG = Logger.getLogger(EdgeSecurityProducer.class);

    @Produces
    @ApplicationScoped
    EgressGuard egressGuard(SecurityConfig config) {
        return new EgressGuard(EgressPolicy.allowing(config.egress().allowList().orElse(List.of())));
    }

    @Produces
    @ApplicationScoped
    GuardedHttpClient guardedHttpClient(EgressGuard guard, DownloadConfig download) {
        return new GuardedHttpClient(guard, new GuardedHttpClient.Settings(download.connectTimeout(),
                download.readTimeout(), download.maxRedirects(), download.userAgent()));
    }

    void closeClient(@Disposes GuardedHttpClient client) throws IOException {
        client.close();
    }

    @Produces
    @ApplicationScoped
    ApiKeys apiKeys(SecurityConfig config) {
        return ApiKeys.fromConfig(config.apiKeys().keys().orElse(List.of()));
    }

    void announce(@Observes StartupEvent started, SecurityConfig config, ApiKeys keys) {
        if (!config.apiKeys().enabled()) {
            LOG.warn("API keys are DISABLED (hitorflop.security.api-keys.enabled=false): /v1 is open to anyone who "
                    + "can reach this port and jobs have no owner. Enable them for any shared deployment.");
        } else if (keys.isEmpty()) {
            throw new IllegalStateException("hitorflop.security.api-keys.enabled=true but no key is configured in "
                    + "hitorflop.security.api-keys.keys");
        }
        List<String> allowed = config.egress().allowList().orElse(List.of());
        if (!allowed.isEmpty()) {
            LOG.warnf("egress allow-list in use: links may reach %s besides public addresses", allowed);
        }
    }
}
