package io.kubeorch.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

/**
 * The packaged kubeorch ({@code target/kubeorch-*.jar}) as a process of its own, the way an
 * operator runs it: for tests named {@code *IT}, which run after {@code mvn package}. It runs in
 * a session of its own ({@code setsid}), so that {@link #kill()} reaches all of it and nothing
 * of the test's terminal or process group reaches it.
 *
 * <pre>{@code
 * KubeorchProcess.Builder kubeorch = KubeorchProcess.builder("crash")
 *         .env("KUBEORCH_ADMIN_PASSWORD", "secret")
 *         .args("--spring.profiles.active=postgres");
 * try (KubeorchProcess first = kubeorch.start()) {
 *     HttpRequest.newBuilder(first.uri("/api/installs"));
 *     first.kill();                       // SIGKILL, as a crash
 * }
 * try (KubeorchProcess again = kubeorch.start()) { ... }   // same directory, same port
 * }</pre>
 *
 * <p>Each process works in {@code target/kubeorch-processes/NAME/} (so the embedded H2 database,
 * {@code ./data}, is per name and survives a restart under the same name) and writes its output
 * to {@code kubeorch.log} there, appended across restarts. {@link #close()} always leaves no
 * process behind.
 */
public final class KubeorchProcess implements AutoCloseable {

    static final Path ROOT = Path.of("target", "kubeorch-processes");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String baseUrl;
    private final int port;
    private final Path directory;
    private final Path log;
    private final Thread reaper;

    private KubeorchProcess(Process process, String baseUrl, int port, Path directory, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.port = port;
        this.directory = directory;
        this.log = log;
        // A test JVM that ends (or is interrupted) without close() still takes kubeorch with it.
        this.reaper = new Thread(this::killQuietly, "kill-kubeorch-" + process.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** A builder for processes named {@code name} (their directory under {@code target/kubeorch-processes}). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** {@code http://localhost:PORT} or {@code https://localhost:PORT}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The working directory: {@code ./data} (H2) and the log are in it. */
    public Path directory() {
        return directory;
    }

    /** Standard output and error of the process, appended across restarts under the same name. */
    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * SIGKILL to the whole session, as a crash or an out-of-memory kill does: no shutdown hook,
     * no graceful end of anything. Returns once the process is gone.
     */
    public void kill() {
        if (!process.isAlive()) {
            return; // its group id may belong to someone else by now
        }
        signalSession("KILL");
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
    }

    /**
     * SIGTERM and waits for Spring's graceful shutdown (an operator's {@code docker stop});
     * SIGKILL when it has not ended within a minute. Returns the exit code.
     */
    public int stop() {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(STOP_TIMEOUT)) {
                kill();
            }
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            killQuietly();
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private void killQuietly() {
        if (process.isAlive()) {
            signalSession("KILL");
            process.destroyForcibly();
        }
    }

    /** {@code kill -SIGNAL -PGID}: setsid made the process the leader of its own session and group. */
    private void signalSession(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The packaged application; fails with what to do when {@code mvn package} has not run. */
    public static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("kubeorch-.*\\.jar"))
                    .findFirst().orElseThrow().toAbsolutePath();
        } catch (IOException | NoSuchElementException e) {
            throw new IllegalStateException("no target/kubeorch-*.jar: run `mvn package` first "
                    + "(tests named *IT run in `mvn verify`, after the package phase)", e);
        }
    }

    /** A port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How to start kubeorch; reusable: {@link #start()} again starts a new process with the same
     * environment, arguments, port and directory (a restart).
     */
    public static final class Builder {
        private final String name;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> javaOptions = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-Xmx512m"));
        private final List<String> args = new ArrayList<>();
        private Integer port;
        private SSLContext tls;

        private Builder(String name) {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("process name '" + name + "': letters, digits, . _ - only");
            }
            this.name = name;
        }

        /** An environment variable on top of the test JVM's own environment. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        /** Replaces the JVM options (default: docs/operators-guide.md's {@code -XX:TieredStopAtLevel=1 -Xmx512m}). */
        public Builder javaOptions(List<String> options) {
            javaOptions.clear();
            javaOptions.addAll(options);
            return this;
        }

        /** Application arguments after {@code -jar kubeorch.jar}, e.g. {@code --spring.profiles.active=postgres}. */
        public Builder args(String... arguments) {
            args.addAll(List.of(arguments));
            return this;
        }

        /** The HTTP(S) port; by default a free one, chosen at the first start and kept for restarts. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** kubeorch serves HTTPS (its keystore is in the environment); the readiness poll trusts {@code trust}. */
        public Builder https(SSLContext trust) {
            this.tls = trust;
            return this;
        }

        /** Starts the process and returns once it answers {@code /actuator/health/liveness}. */
        public KubeorchProcess start() {
            if (port == null) {
                port = freePort();
            }
            Path directory = ROOT.resolve(name).toAbsolutePath();
            Path log = directory.resolve("kubeorch.log");
            List<String> command = new ArrayList<>(List.of("setsid",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(javaOptions);
            command.addAll(List.of("-jar", jar().toString(), "--server.port=" + port));
            command.addAll(args);
            try {
                Files.createDirectories(directory);
                Files.writeString(log, "--- " + Instant.now() + " " + String.join(" ", command) + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().putAll(env);
                String baseUrl = (tls == null ? "http" : "https") + "://localhost:" + port;
                KubeorchProcess started = new KubeorchProcess(builder.start(), baseUrl, port, directory, log);
                try {
                    started.awaitAnswer(tls);
                } catch (RuntimeException | Error e) {
                    started.close();
                    throw e;
                }
                return started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }
    }

    private void awaitAnswer(SSLContext tls) {
        HttpClient.Builder clientBuilder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (tls != null) {
            clientBuilder.sslContext(tls);
        }
        HttpClient http = clientBuilder.build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kubeorch exited with " + process.exitValue() + "; " + log + ":\n"
                        + logTail(40));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/actuator/health/liveness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("kubeorch did not answer within " + START_TIMEOUT + "; " + log + ":\n"
                + logTail(40));
    }
}
