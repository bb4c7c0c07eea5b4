package io.hitorflop.service.security;

import io.hitorflop.security.apikeys.ApiKeys;
import io.hitorflop.service.config.SecurityConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyGateTest {

    @Test
    void keysEnabledWithNoKeyConfiguredStopsTheStart() {
        assertThatThrownBy(() -> new ApiKeyGate(config(true, List.of())).announce(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hitorflop.security.api-keys.keys");
    }

    @Test
    void keysEnabledWithAKeyOrDisabledStart() {
        assertThatCode(() -> new ApiKeyGate(config(true, List.of(ApiKeys.entryFor("alice", "a-key")))).announce(null))
                .doesNotThrowAnyException();
        assertThatCode(() -> new ApiKeyGate(config(false, List.of())).announce(null))
                .doesNotThrowAnyException();
    }

    private static SecurityConfig config(boolean enabled, List<String> keys) {
        SecurityConfig.ApiKeysConfig apiKeys = new SecurityConfig.ApiKeysConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Optional<List<String>> keys() {
                return Optional.of(keys);
            }

            @Override
            public List<String> publicPaths() {
                return List.of("/q/health");
            }
        };
        return new SecurityConfig() {
            @Override
            public ApiKeysConfig apiKeys() {
                return apiKeys;
            }

            @Override
            public EgressConfig egress() {
                return Optional::empty;
            }
        };
    }
}
