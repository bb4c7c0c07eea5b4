package io.hitorflop.contract.models;

import io.hitorflop.contract.events.HeldOutAuc;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCardTest {

    @Test
    void theHeldOutAucIsTheReportedProbabilitysTestAucWithItsInterval() {
        Map<String, Object> metrics = Map.of(
                "reported", Map.of("rocAuc", Map.of("value", 0.714, "ci95Low", 0.689, "ci95High", 0.739),
                        "accuracy", Map.of("value", 0.66, "ci95Low", 0.64, "ci95High", 0.68)),
                "soft_vote", Map.of("rocAuc", Map.of("value", 0.7, "ci95Low", 0.68, "ci95High", 0.72)),
                "knn", Map.of("rocAuc", Map.of("value", 0.6, "ci95Low", 0.5, "ci95High", 0.7)));

        assertThat(card(metrics).heldOutAuc()).isEqualTo(new HeldOutAuc(0.714, 0.689, 0.739));
    }

    @Test
    void aCardWithoutItStatesNone() {
        assertThat(card(null).heldOutAuc()).isNull();
        assertThat(card(Map.of("knn", Map.of("rocAuc", Map.of("value", 0.6)))).heldOutAuc()).isNull();
        assertThat(card(Map.of("reported", Map.of("rocAuc", Map.of("value", 0.6)))).heldOutAuc())
                .as("no interval").isNull();
    }

    private static ModelCard card(Map<String, Object> metrics) {
        return new ModelCard("audio", "abc-1", "abc", "1", 7L, "2026-12-01", List.of(), List.of(), 3, 0.5, metrics, null, null, null);
    }
}
