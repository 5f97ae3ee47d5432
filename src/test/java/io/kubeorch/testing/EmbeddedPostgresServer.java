package io.kubeorch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL server for the test JVM, started once; each caller gets a database of its own,
 * so Spring contexts that share the server do not share tables.
 */
public final class EmbeddedPostgresServer {

    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    /** Points the application at a fresh database on the shared server, under the {@code postgres} profile's keys. */
    public static void register(DynamicPropertyRegistry registry) {
        String database = createDatabase();
        EmbeddedPostgres postgres = server();
        registry.add("KUBEORCH_DB_URL", () -> postgres.getJdbcUrl("postgres", database));
        registry.add("KUBEORCH_DB_USER", () -> "postgres");
        registry.add("KUBEORCH_DB_PASSWORD", () -> "postgres");
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is temporary
                }
            }));
        }
        return server;
    }

    private static String createDatabase() {
        String name = "kubeorch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return name;
    }
}
