package io.hitorflop.ingest.submission.messaging;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * What this instance's transactions wrote and how each ended, so a transaction the broker still
 * holds open after its marker was lost ({@link HangingTransactionRepair}) can be closed the way it
 * really ended. Per transaction and partition it keeps the first and last offset written and the
 * job ids: a hanging transaction is known by its first offset in a partition
 * ({@code currentTransactionStartOffset}). A transaction whose end is uncertain (the commit or the
 * abort failed) is not remembered at all.
 *
 * <p>Bounded by age and by size: a hanging transaction is found one check interval after it is
 * older than the transaction time-out (under a minute with the defaults), or at the first check
 * after the broker is back, so {@code remember} (10 minutes) covers a broker outage of several
 * minutes; {@code remember-max} caps the job ids kept under a burst (about 100 bytes each).
 * Thread-safe: the transaction thread writes, the repair reads.
 */
final class TransactionOutcomes {

    enum Outcome { COMMITTED, ABORTED }

    /** One transaction's records in one partition. */
    record Write(TopicPartition partition, long firstOffset, long lastOffset, Set<String> jobIds, Outcome outcome,
                 Instant endedAt) {
    }

    private record Start(TopicPartition partition, long firstOffset) {
    }

    private final InstantSource clock;
    private final Duration remember;
    private final int maxJobEntries;
    private final LinkedHashMap<Start, Write> writes = new LinkedHashMap<>();
    /** Job ids over all remembered writes: what the memory costs (a job in two partitions counts twice). */
    private int jobEntries;

    TransactionOutcomes(InstantSource clock, Duration remember, int maxJobEntries) {
        this.clock = clock;
        this.remember = remember;
        this.maxJobEntries = maxJobEntries;
    }

    /**
     * Remembers how the transaction that sent {@code records} ended; {@code sent} are their send
     * results, in the same order (a record whose send failed has no offset and is left out).
     */
    <K, V> void remember(List<ProducerRecord<K, V>> records, List<Future<RecordMetadata>> sent, Outcome outcome) {
        Map<TopicPartition, List<Long>> offsets = new LinkedHashMap<>();
        Map<TopicPartition, Set<String>> jobIds = new LinkedHashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            Optional<RecordMetadata> metadata = writtenAt(sent.get(i));
            if (metadata.isEmpty()) {
                continue;
            }
            TopicPartition partition = new TopicPartition(metadata.get().topic(), metadata.get().partition());
            offsets.computeIfAbsent(partition, p -> new ArrayList<>()).add(metadata.get().offset());
            jobIds.computeIfAbsent(partition, p -> new LinkedHashSet<>()).add(String.valueOf(records.get(i).key()));
        }
        Instant now = clock.instant();
        synchronized (this) {
            offsets.forEach((partition, written) -> {
                long first = written.stream().mapToLong(Long::longValue).min().orElseThrow();
                long last = written.stream().mapToLong(Long::longValue).max().orElseThrow();
                writes.put(new Start(partition, first), new Write(partition, first, last, jobIds.get(partition), outcome, now));
                jobEntries += jobIds.get(partition).size();
            });
            forgetOld(now);
        }
    }

    /** How the transaction whose first record in {@code partition} is at {@code firstOffset} ended, if this instance knows. */
    synchronized Optional<Write> startingAt(TopicPartition partition, long firstOffset) {
        forgetOld(clock.instant());
        return Optional.ofNullable(writes.get(new Start(partition, firstOffset)));
    }

    private void forgetOld(Instant now) {
        Instant oldestKept = now.minus(remember);
        Iterator<Write> oldestFirst = writes.values().iterator();
        while (oldestFirst.hasNext()) {
            Write oldest = oldestFirst.next();
            if (jobEntries <= maxJobEntries && !oldest.endedAt().isBefore(oldestKept)) {
                return;
            }
            jobEntries -= oldest.jobIds().size();
            oldestFirst.remove();
        }
    }

    private static Optional<RecordMetadata> writtenAt(Future<RecordMetadata> sent) {
        if (!sent.isDone()) {
            return Optional.empty();
        }
        try {
            return Optional.of(sent.get());
        } catch (ExecutionException notWritten) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
