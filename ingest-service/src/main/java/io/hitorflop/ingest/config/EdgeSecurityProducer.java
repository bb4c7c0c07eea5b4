package io.hitorflop.ingest.config;

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

    void announce(@Observes StartupEvent started, SecurityConfig config) {
        List<String> allowed = config.egress().allowList().orElse(List.of());
        if (!allowed.isEmpty()) {
            LOG.warnf("egress allow-list in use: links may reach %s besides public addresses", allowed);
        }
    }
}
