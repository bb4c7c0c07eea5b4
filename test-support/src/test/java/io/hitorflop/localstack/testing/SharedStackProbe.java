package io.hitorflop.localstack.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/** A test JVM in miniature: starts the shared stack as a Quarkus test would, uses it, prints where it runs. */
public final class SharedStackProbe {

    public static void main(String[] args) throws Exception {
        LocalStackTestResource resource = new LocalStackTestResource();
        resource.init(Map.of("postgres", "true"));
        Map<String, String> config = resource.start();
        try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             Statement statement = connection.createStatement();
             ResultSet one = statement.executeQuery("select 1")) {
            one.next();
            System.out.println("kafka=" + config.get("kafka.bootstrap.servers"));
            System.out.println("postgres=" + config.get("quarkus.datasource.jdbc.url"));
            System.out.println("query=" + one.getInt(1));
        }
    }

    private SharedStackProbe() {
    }
}
