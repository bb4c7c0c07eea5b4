package io.hitorflop.ingest.submission.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hitorflop.ingest.config.IngestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Clock;
import java.util.Map;

/**
 * One check and repair, as a restarted ingest would run it (nothing remembered), against a broker
 * given by {@code -Dhitorflop.repair.bootstrap=host:port} for the transactional id
 * {@code -Dhitorflop.repair.transactional-id} (default {@code ingest-local}, the local stack's);
 * off otherwise. It was run on a copy of the data of the CI run whose Kafka restart left a
 * hanging transaction (ingest-service README, "Hanging transactions"). Then a second check must
 * find nothing.
 */
@Tag("integration")
@EnabledIfSystemProperty(named = "hitorflop.repair.bootstrap", matches = ".+")
class RepairOnABrokerProbe {

    @Test
    void checkAndRepairOnce() throws Exception {
        Map<String, Object> kafka = Map.of("bootstrap.servers", System.getProperty("hitorflop.repair.bootstrap"));
        ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        IngestConfig config = LostCommitMarkerTest.config(System.getProperty("hitorflop.repair.transactional-id", "ingest-local"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        JobEventPublisher publisher = new JobEventPublisher(kafka, json, config, meters);
        HangingTransactionRepair repair = new HangingTransactionRepair(publisher, kafka, json, config, meters, Clock.systemUTC());
        try {
            System.out.println("repair probe, first check: " + repair.check());
            org.assertj.core.api.Assertions.assertThat(repair.check()).as("second check").isEmpty();
        } finally {
            repair.stop();
            publisher.stop();
        }
    }
}
