package io.hitorflop.security.apikeys;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeysTest {

    // A well-formed entry; which key it hashes does not matter here.
    private static final String ONE = "alice:" + "2b3c1df0a1a6e5e8bb6a8f4bd7fa6c56f3ad1e6a6aa6ad80b6bbbd9efcbd1b31";

    @Test
    void identifiesTheKeyWhoseDigestIsConfigured() {
        ApiKeys keys = ApiKeys.fromConfig(List.of(ApiKeys.entryFor("alice", "secret-one"), ApiKeys.entryFor("bob", "secret-two")));

        assertThat(keys.identify("secret-one")).contains("alice");
        assertThat(keys.identify("secret-two")).contains("bob");
        assertThat(keys.identify("secret-three")).isEmpty();
        assertThat(keys.identify("")).isEmpty();
        assertThat(keys.identify(null)).isEmpty();
    }

    @Test
    void theEntryIsTheSha256OfTheKeyInHex() {
        assertThat(ApiKeys.entryFor("alice", "abc"))
                .isEqualTo("alice:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeys.fromConfig(List.of("alice:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"))
                .identify("abc")).contains("alice");
    }

    @Test
    void malformedOrDuplicateEntriesAreConfigurationErrorsThatDoNotEchoTheDigest() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.fromConfig(List.of("alice")));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.fromConfig(List.of(":" + "a".repeat(64))));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.fromConfig(List.of("alice:1234")))
                .withMessageNotContaining("1234");
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.fromConfig(List.of(ONE, ONE)))
                .withMessageContaining("twice");
    }

    @Test
    void theKeyComesFromTheHeaderOrABearerToken() {
        assertThat(ApiKeys.presented("k1", "Bearer k2")).contains("k1");
        assertThat(ApiKeys.presented(null, "Bearer k2")).contains("k2");
        assertThat(ApiKeys.presented(" ", "bearer  k2 ")).contains("k2");
        assertThat(ApiKeys.presented(null, "Basic abc")).isEmpty();
        assertThat(ApiKeys.presented(null, "Bearer ")).isEmpty();
        assertThat(ApiKeys.presented(null, null)).isEmpty();
    }
}
