package io.hitorflop.e2e.harness;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The members of a consumer group as the broker's group coordinator sees them: which client
 * (the launcher prefixes each replica's client ids with its name, {@code feature-2-...}) holds
 * which partitions of a topic.
 */
public final class ConsumerGroups implements AutoCloseable {

    private final Admin admin;

    public ConsumerGroups(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(properties);
    }

    /** The group's state ({@code Stable} once a rebalance is over) and each member's client id with its partitions of {@code topic}. */
    public record Assignment(String state, Map<String, TreeSet<Integer>> partitionsByClientId) {

        /** The partitions of the one member whose client id starts with {@code instance + "-"}; empty when it is not a member. */
        public TreeSet<Integer> of(String instance) {
            return partitionsByClientId.entrySet().stream().filter(member -> member.getKey().startsWith(instance + "-")
                            && !member.getKey().substring(instance.length() + 1).matches("[0-9].*"))
                    .map(Map.Entry::getValue).findFirst().orElse(new TreeSet<>());
        }

        public TreeSet<Integer> all() {
            TreeSet<Integer> all = new TreeSet<>();
            partitionsByClientId.values().forEach(all::addAll);
            return all;
        }
    }

    public Assignment assignment(String group, String topic) throws ExecutionException, InterruptedException, TimeoutException {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                .get(30, TimeUnit.SECONDS);
        Map<String, TreeSet<Integer>> members = new TreeMap<>();
        for (MemberDescription member : description.members()) {
            TreeSet<Integer> partitions = new TreeSet<>();
            for (TopicPartition partition : member.assignment().topicPartitions()) {
                if (partition.topic().equals(topic)) {
                    partitions.add(partition.partition());
                }
            }
            members.put(member.clientId(), partitions);
        }
        return new Assignment(description.groupState().toString(), members);
    }

    @Override
    public void close() {
        admin.close();
    }
}
