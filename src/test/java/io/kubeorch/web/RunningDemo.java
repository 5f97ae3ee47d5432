package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabHostProcess;

/**
 * {@code lab/demo} started as a user starts it: the command the docs show, in a session of its own
 * (like a terminal's), with a lab prefix, a port and a directory of the test's. Knows what the
 * demo printed and what it started, so that a test can find out whether anything is left.
 */
final class RunningDemo implements AutoCloseable {

    /** Where the docs send users who stop the demo without a --dir (lab/demo's DEFAULT_DIR). */
    static final String DEFAULT_DIR = "/tmp/kubeorch-demo";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private final String prefix;
    private final int port;
    private final Path dir;
    private final Path stdout;
    private final Path stderr;
    private final Process process;
    private String printed = "";
    private List<String> namespaces = List.of();
    private long kubeorchPid;
    private int sshPort;
    private int mirrorPort;

    private RunningDemo(String prefix, int port, Path dir, Path stdout, Path stderr, Process process) {
        this.prefix = prefix;
        this.port = port;
        this.dir = dir;
        this.stdout = stdout;
        this.stderr = stderr;
        this.process = process;
    }

    /**
     * Runs COMMAND (as the docs write it, e.g. {@code sudo lab/demo --start}) with
     * {@code --prefix PREFIX --port P --dir target/NAME}, where P is a free port, and waits until
     * it has printed how to stop it.
     */
    static RunningDemo start(String command, String prefix, String name) {
        Lab.requireRoot();
        Path dir = Path.of("target", name).toAbsolutePath();
        int port = freePort();
        List<String> argv = new ArrayList<>(List.of("setsid"));
        argv.addAll(Arrays.asList(command.trim().split("\\s+")));
        argv.addAll(List.of("--prefix", prefix, "--port", Integer.toString(port), "--dir", dir.toString()));
        Path stdout = dir.resolveSibling(name + ".out");
        Path stderr = dir.resolveSibling(name + ".err");
        try {
            // what an earlier, interrupted run may have left
            run("lab/demo stop --dir " + dir);
            deleteRecursively(dir);
            Process process = new ProcessBuilder(argv).directory(Lab.script().getParent().getParent().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            RunningDemo demo = new RunningDemo(prefix, port, dir, stdout, stderr, process);
            demo.awaitInstructions();
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitInstructions() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!printed.contains("\nStop: ")) {
            if (!process.isAlive()) {
                throw new AssertionError("lab/demo ended with exit status " + process.exitValue() + " before it was ready\n"
                        + output());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("lab/demo not ready after " + START_TIMEOUT + "\n" + output());
            }
            InstallApi.sleep(Duration.ofMillis(250));
            printed = read(stdout);
        }
        try (Stream<Path> hosts = Files.list(dir.resolve("lab/hosts"))) {
            namespaces = hosts.map(host -> read(host.resolve("mntns")).trim()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kubeorchPid = Long.parseLong(read(dir.resolve("kubeorch.pid")).trim());
        String env = read(dir.resolve("lab/lab.env"));
        sshPort = Integer.parseInt(match(env, "(?m)^LAB_SSH_PORT=(\\d+)$"));
        mirrorPort = Integer.parseInt(match(env, "(?m)^LAB_PORT=(\\d+)$"));
    }

    /** What the demo printed on its standard output: the instructions. */
    String printed() {
        return printed;
    }

    String output() {
        return "stdout:\n" + read(stdout) + "\nstderr:\n" + read(stderr);
    }

    int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    String password() {
        return match(printed, "password (\\S+)");
    }

    /** The second operator's, who approves what the administrator starts (four-eyes). */
    String operatorPassword() {
        return match(printed, "user operator +password (\\S+)");
    }

    Path inventory() {
        return Path.of(match(printed, "(?m)^  Inventory +(\\S+)$"));
    }

    String installId() {
        return match(printed, "(?m)^Install (\\S+) started");
    }

    InstallApi api() {
        return new InstallApi(port, "admin", password());
    }

    /** The printed command line that contains MARKER, without its label ("Or:"). */
    String printedCommand(String marker) {
        return printed.lines().filter(line -> line.contains(marker)).findFirst()
                .map(line -> line.replaceFirst("^\\s*(Or:|Stop:.*shell:)?\\s*", ""))
                .orElseThrow(() -> new AssertionError("lab/demo printed no command with " + marker + ":\n" + printed));
    }

    /**
     * The printed command as the operator's guide shows it for a demo started with its defaults:
     * the test's directory, port and password replaced by the defaults and the placeholder.
     */
    String asInTheGuide(String command) {
        return command.replaceAll(" --dir " + Pattern.quote(dir.toString()) + "$", "")
                .replace(dir.toString(), DEFAULT_DIR)
                .replace("admin:" + password(), "admin:PASSWORD")
                .replace("operator:" + operatorPassword(), "operator:OPERATOR_PASSWORD")
                .replace("localhost:" + port + "/", "localhost:8080/");
    }

    /** Runs a command line the demo printed, in bash, as a user who pastes it; returns its output. */
    static String run(String commandLine) {
        try {
            Process shell = new ProcessBuilder("bash", "-c", commandLine).redirectErrorStream(true)
                    .directory(Lab.script().getParent().getParent().toFile()).start();
            shell.getOutputStream().close();
            String output = new String(shell.getInputStream().readAllBytes());
            assertThat(shell.waitFor(2, TimeUnit.MINUTES)).as(commandLine).isTrue();
            assertThat(shell.exitValue()).as(commandLine + "\n" + output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ctrl-C in the demo's terminal: SIGINT to every process of its foreground process group. */
    int pressCtrlC() {
        long group = process.pid();
        assertThat(match(read(Path.of("/proc", Long.toString(group), "stat")), "\\) \\S (?:\\d+) (\\d+) "))
                .as("the demo leads a process group of its own").isEqualTo(Long.toString(group));
        run("kill -INT -- -" + group);
        return awaitExit();
    }

    /** Waits for the demo to end (after a stop) and returns its exit status. */
    int awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("lab/demo still runs " + STOP_TIMEOUT + " after it was stopped\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The demo's processes, mounts and listening sockets that are still there (none, after a stop). */
    List<String> leftovers() {
        List<String> left = new ArrayList<>();
        LabHostProcess.inMountNamespaces(namespaces).forEach(p -> left.add("process in a host's namespaces: " + p));
        ProcessHandle.of(kubeorchPid).filter(ProcessHandle::isAlive).ifPresent(p -> left.add("kubeorch, pid " + p.pid()));
        // the directory itself or a path in it, not a sibling whose name starts the same
        Pattern inDir = Pattern.compile(Pattern.quote(dir.toString()) + "(/|\\s|$)", Pattern.MULTILINE);
        for (LabHostProcess p : LabHostProcess.all()) {
            if (inDir.matcher(p.commandLine()).find() || p.commandLine().contains(prefix + ".")) {
                left.add("process: " + p);
            }
            p.mountInfo().lines().filter(line -> inDir.matcher(line).find()).findFirst()
                    .ifPresent(mount -> left.add("mount seen by pid " + p.pid() + ": " + mount));
        }
        for (Listener listener : Listener.all()) {
            if (listener.address().startsWith(prefix + ".") || listener.port() == port) {
                left.add("listener: " + listener);
            }
        }
        if (Files.exists(dir.resolve("lab"))) {
            left.add("the lab's directory " + dir.resolve("lab"));
        }
        return left;
    }

    int sshPort() {
        return sshPort;
    }

    int mirrorPort() {
        return mirrorPort;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            // a failed test still leaves nothing running: the demo's own stop, then the lab's
            run("lab/demo stop --dir " + dir);
            awaitExit();
        }
    }

    /** A listening TCP socket of this machine (from /proc/net/tcp and tcp6). */
    record Listener(String address, int port) {

        static List<Listener> all() {
            List<Listener> listeners = new ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                read(Path.of(table)).lines().skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(fields -> fields[3].equals("0A"))
                        .forEach(fields -> listeners.add(parse(fields[1])));
            }
            return listeners;
        }

        private static Listener parse(String local) {
            String[] addressAndPort = local.split(":");
            String hex = addressAndPort[0];
            int port = Integer.parseInt(addressAndPort[1], 16);
            if (hex.length() != 8) {
                // IPv6: only v4-mapped addresses (::ffff:a.b.c.d) can be the demo's
                hex = hex.startsWith("0000000000000000FFFF0000") ? hex.substring(24) : null;
                if (hex == null) {
                    return new Listener(local, port);
                }
            }
            long value = Long.parseLong(hex, 16);
            String address = (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff);
            return new Listener(address, port);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String match(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no " + regex + " in:\n" + text);
        }
        return matcher.group(1);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
