package io.kubeorch.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A running lab: simulated hosts, each a real sshd in its own mount+UTS namespace (see docs/lab.md).
 * Drives {@code lab/lab} through {@link ProcessBuilder}; every call has a timeout.
 *
 * <pre>{@code
 * try (Lab lab = Lab.start(LabOptions.builder("127.0.11", Path.of("target/lab-tests/x")).build())) {
 *     lab.exec("master01", "cat", "/etc/os-release");
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final LabOptions options;
    private final Map<String, String> env;
    private boolean down;

    private Lab(LabOptions options, Map<String, String> env) {
        this.options = options;
        this.env = env;
    }

    /** Runs {@code lab up}; fails with the script's output if the lab does not come up. */
    public static Lab start(LabOptions options) {
        requireRoot();
        Duration timeout = Duration.ofSeconds(60 + 3L * options.nodes());
        List<String> args = new ArrayList<>(List.of("up"));
        args.addAll(options.toArgs());
        check(run(args, null, timeout), "lab up");
        return new Lab(options, readEnv(options.dir().resolve("lab.env")));
    }

    /** The lab needs root (namespaces, mounts, binding sshd to port 22). Never skipped: fails. */
    public static void requireRoot() {
        String uid = procStatusField("Uid");
        if (!uid.startsWith("0")) {
            throw new IllegalStateException("The lab tests need root (Linux namespaces and mounts); "
                    + "run them as root, e.g. in the CI container. Current uid: " + uid.split("\\s+")[0]);
        }
    }

    public LabOptions options() {
        return options;
    }

    public Path dir() {
        return options.dir();
    }

    public Path inventory() {
        return dir().resolve("inventory.yaml");
    }

    public Path privateKey() {
        return dir().resolve("id_ed25519");
    }

    public Path knownHosts() {
        return dir().resolve("known_hosts");
    }

    /** Host names in order: master01.., node01... */
    public List<String> nodes() {
        return List.of(env.get("LAB_NODES").split(" "));
    }

    public String address(String node) {
        int index = nodes().indexOf(node);
        if (index < 0) {
            throw new IllegalArgumentException("no host " + node + " in " + nodes());
        }
        return options.prefix() + "." + (index + 1);
    }

    public int sshPort() {
        return options.sshPort();
    }

    public String user() {
        return options.user();
    }

    /** The login password (with {@code --auth password}). */
    public Optional<String> sshPassword() {
        return readSecret("ssh-password");
    }

    /** The sudo password (with {@code --sudo-password}). */
    public Optional<String> sudoPassword() {
        return readSecret("sudo-password");
    }

    /** Runs COMMAND as root on NODE (nsenter, not SSH); returns its exit code and output. */
    public CommandResult exec(String node, String... command) {
        return execWithInput(node, null, command);
    }

    public CommandResult execWithInput(String node, String input, String... command) {
        List<String> args = new ArrayList<>(List.of("exec", node, "--dir", dir().toString(), "--"));
        args.addAll(Arrays.asList(command));
        return run(args, input, CALL_TIMEOUT);
    }

    /** {@code lab fault NODE ARGS...}: fail KEY [K], hang KEY, clear [KEY], drop [K], hang-ssh, down, up. */
    public void fault(String node, String... args) {
        List<String> all = new ArrayList<>(List.of("fault", node, "--dir", dir().toString()));
        all.addAll(Arrays.asList(args));
        check(run(all, null, CALL_TIMEOUT), "lab fault " + String.join(" ", all));
    }

    /** Switches the latency profile of the running lab (none, fast, slow, benchmark). */
    public void latency(String profile) {
        check(run(List.of("latency", profile, "--dir", dir().toString()), null, CALL_TIMEOUT), "lab latency");
    }

    public String status() {
        return check(run(List.of("status", "--dir", dir().toString()), null, CALL_TIMEOUT), "lab status").stdout();
    }

    /** One record per SSH command the hosts ran, oldest first. */
    public List<LabCommandRecord> commandRecords() {
        Path file = dir().resolve("shared/records/commands.tsv");
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).map(LabCommandRecord::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inode of the host's mount namespace, as recorded by {@code lab up}. */
    public String mountNamespace(String node) {
        return readTrimmed(dir().resolve("hosts").resolve(node).resolve("mntns"));
    }

    /** Processes living in the host's namespaces (the holder, sshd, sessions...). */
    public List<LabHostProcess> processes(String node) {
        return LabHostProcess.inMountNamespaces(List.of(mountNamespace(node)));
    }

    /** Runs {@code lab down}: no process, mount or file of the lab is left. Idempotent. */
    public void down() {
        if (!down) {
            check(run(List.of("down", "--dir", dir().toString()), null, CALL_TIMEOUT), "lab down");
            down = true;
        }
    }

    @Override
    public void close() {
        down();
    }

    /** Runs {@code lab/lab ARGS} with a timeout; stdin is INPUT or empty. */
    public static CommandResult run(List<String> args, String input, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(script().toString());
        command.addAll(args);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("lab-out", ".txt");
            err = Files.createTempFile("lab-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("LAB_DIR");
            if (input == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process process = builder.start();
            if (input != null) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + command
                        + "\n" + Files.readString(err));
            }
            return new CommandResult(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** The lab/lab script of this checkout (searched upwards from the working directory). */
    public static Path script() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("lab/lab");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("lab/lab not found above " + Path.of("").toAbsolutePath());
    }

    private static CommandResult check(CommandResult result, String what) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException(what + " failed with exit code " + result.exitCode()
                    + "\nstdout:\n" + result.stdout() + "\nstderr:\n" + result.stderr());
        }
        return result;
    }

    private Optional<String> readSecret(String name) {
        Path file = dir().resolve(name);
        return Files.exists(file) ? Optional.of(readTrimmed(file)) : Optional.empty();
    }

    /** lab.env: shell assignments with %q quoting; the values the fixture needs have no quoting. */
    private static Map<String, String> readEnv(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1).replace("\\ ", " "));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    private static String readTrimmed(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String procStatusField(String field) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith(field + ":"))
                    .map(l -> l.substring(field.length() + 1).trim())
                    .findFirst().orElse("?");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    /** Exit code and output of a command. */
    public record CommandResult(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout;
        }
    }
}
