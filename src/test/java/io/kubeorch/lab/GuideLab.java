package io.kubeorch.lab;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * A lab for the guide tests: `lab/lab up` with its own prefix and directory, one SSH connection
 * per host (sshj, strict host key checking against the lab's known_hosts, the lab's client key),
 * and `lab down` at the end. A small stand-in for the lab's own Java fixture.
 */
final class GuideLab implements AutoCloseable {

    /** The outcome of one command on a host. */
    record Result(int exit, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    private final String prefix;
    private final Path dir;
    private final List<String> nodes;
    private final Map<String, SSHClient> clients = new LinkedHashMap<>();

    private GuideLab(String prefix, Path dir, List<String> nodes) {
        this.prefix = prefix;
        this.dir = dir;
        this.nodes = nodes;
    }

    /** Starts a lab of one control plane and WORKERS workers on PREFIX.1... */
    static GuideLab start(String prefix, int workers) throws IOException {
        requireRoot();
        Path dir = Path.of("target", "guide-labs", prefix).toAbsolutePath();
        lab("down", "--dir", dir.toString());
        Files.createDirectories(dir.getParent());
        List<String> nodes = new ArrayList<>();
        nodes.add("master01");
        for (int i = 1; i <= workers; i++) {
            nodes.add(String.format("node%02d", i));
        }
        lab("up", "--nodes", String.valueOf(workers + 1), "--prefix", prefix, "--dir", dir.toString());
        GuideLab lab = new GuideLab(prefix, dir, nodes);
        for (String node : nodes) {
            lab.clients.put(node, lab.connect(node));
        }
        return lab;
    }

    static void requireRoot() {
        String uid = runLocal(List.of("id", "-u"), Duration.ofSeconds(10)).stdout().trim();
        if (!"0".equals(uid)) {
            fail("The guide tests start lab hosts in Linux namespaces and must run as root (uid 0), not uid " + uid);
        }
    }

    String address(String node) {
        return prefix + "." + (nodes.indexOf(node) + 1);
    }

    String mirror() {
        return "http://" + prefix + ".254:8080";
    }

    String registry() {
        return prefix + ".254:5000/google_containers";
    }

    List<String> nodes() {
        return nodes;
    }

    List<String> workers() {
        return nodes.subList(1, nodes.size());
    }

    private SSHClient connect(String node) throws IOException {
        SSHClient client = new SSHClient();
        client.loadKnownHosts(dir.resolve("known_hosts").toFile());
        client.setConnectTimeout(5_000);
        client.connect(address(node), 22);
        client.authPublickey("root", client.loadKeys(dir.resolve("id_ed25519").toString()));
        return client;
    }

    /** Runs COMMAND on NODE (bash -c by sshd), feeding it INPUT. */
    Result run(String node, String command, String input) {
        try (Session session = clients.get(node).startSession()) {
            Session.Command cmd = session.exec(command);
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(cmd.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(cmd.getErrorStream()));
            try (OutputStream in = cmd.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String stdout = out.get(5, TimeUnit.MINUTES);
            String stderr = err.get(5, TimeUnit.MINUTES);
            cmd.join(1, TimeUnit.MINUTES);
            Integer exit = cmd.getExitStatus();
            return new Result(exit == null ? -1 : exit, stdout, stderr);
        } catch (Exception e) {
            throw new IllegalStateException("ssh " + node + ": " + command, e);
        }
    }

    Result run(String node, String command) {
        return run(node, command, "");
    }

    /** Runs a bash script on NODE and fails the test if it does not exit 0. */
    Result script(String node, String script) {
        Result r = run(node, "bash -s", script);
        if (r.exit() != 0) {
            fail(node + ": script failed with " + r.exit() + "\n--- stdout\n" + r.stdout() + "\n--- stderr\n" + r.stderr());
        }
        return r;
    }

    /** Runs the same script on several nodes at once, as the guide says to. */
    void scriptOnAll(List<String> on, java.util.function.Function<String, String> scriptFor) {
        List<CompletableFuture<Result>> runs = new ArrayList<>();
        for (String node : on) {
            runs.add(CompletableFuture.supplyAsync(() -> script(node, scriptFor.apply(node))));
        }
        runs.forEach(CompletableFuture::join);
    }

    private static String drain(InputStream in) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (SSHClient client : clients.values()) {
            try {
                client.close();
            } catch (IOException ignored) {
                // the lab goes down next anyway
            }
        }
        lab("down", "--dir", dir.toString());
    }

    private static void lab(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of("lab", "lab").toAbsolutePath().toString());
        command.addAll(List.of(args));
        Result r = runLocal(command, Duration.ofMinutes(3));
        if (r.exit() != 0) {
            fail("lab " + String.join(" ", args) + " failed (" + r.exit() + "):\n" + r.all());
        }
    }

    private static Result runLocal(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
