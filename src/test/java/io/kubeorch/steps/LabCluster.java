package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.HostConnector;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.SshTarget;

/**
 * A lab of simulated openEuler hosts for the step tests: {@code lab/lab up} with its inventory, SSH
 * connections to its nodes and {@code lab exec} for looking at a host behind the steps' back.
 * Needs root (Linux namespaces); a test without it fails with a message saying so.
 */
final class LabCluster implements AutoCloseable {

    static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

    private final Path dir;
    private final Path labCommand;
    private final Inventory inventory;
    private final HostConnector connector = new OpenSshClientConnector();

    private LabCluster(Path dir, Path labCommand, Inventory inventory) {
        this.dir = dir;
        this.labCommand = labCommand;
        this.inventory = inventory;
    }

    /** Starts a lab on {@code prefix} (e.g. 127.0.30) in target/labs/{name}; extra args go to lab up. */
    static LabCluster up(String prefix, String name, String... labUpArgs) {
        requireRoot();
        Path labCommand = labCommand();
        Path dir = Path.of("target", "labs", name).toAbsolutePath();
        if (Files.exists(dir.resolve("lab.env"))) {
            run(labCommand, List.of("down", "--dir", dir.toString()), Duration.ofMinutes(1), false);
        }
        List<String> args = new ArrayList<>(List.of("up", "--prefix", prefix, "--dir", dir.toString()));
        args.addAll(List.of(labUpArgs));
        run(labCommand, args, Duration.ofMinutes(3), true);
        return new LabCluster(dir, labCommand, LabInventory.read(dir.resolve("inventory.yaml")));
    }

    Inventory inventory() {
        return inventory;
    }

    Node node(String name) {
        return inventory.requireNode(name);
    }

    RemoteHost connect(Node node) {
        Inventory.SshSettings ssh = inventory.ssh();
        return connector.connect(new SshTarget(node.name(), node.address(), ssh.port(), ssh.user(),
                Path.of(ssh.privateKeyFile()), null, Path.of(ssh.knownHostsFile()), List.of(), false, ssh.sudo(),
                null, Duration.ofSeconds(10)));
    }

    /** Runs {@code step} on {@code node} over SSH, as the process would. */
    StepResult run(NodeStep step, String node) {
        Node target = node(node);
        try (RemoteHost host = connect(target)) {
            return step.run(new StepContext("test-install", inventory, target, host, this::connect, STEP_TIMEOUT));
        }
    }

    /** A command's output on a host, whatever its exit status, run outside the steps (lab exec). */
    String exec(String node, String command) {
        return run(labCommand, List.of("exec", node, "--dir", dir.toString(), "--", "bash", "-c", command),
                Duration.ofMinutes(1), false);
    }

    /** {@code lab fault NODE ARGS...}: e.g. {@code fail kubeadm-join}. */
    void fault(String node, String... args) {
        List<String> argv = new ArrayList<>(List.of("fault", node, "--dir", dir.toString()));
        argv.addAll(List.of(args));
        run(labCommand, argv, Duration.ofMinutes(1), true);
    }

    /** Lines of the lab's SSH command records (node, start, end, exit, command). */
    String commandRecords() {
        try {
            Path records = dir.resolve("shared/records/commands.tsv");
            return Files.exists(records) ? Files.readString(records) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        run(labCommand, List.of("down", "--dir", dir.toString()), Duration.ofMinutes(1), false);
    }

    private static void requireRoot() {
        String user = System.getProperty("user.name");
        if (!"root".equals(user)) {
            fail("The step tests start a lab of simulated hosts in Linux namespaces and need root;"
                    + " this JVM runs as '" + user + "'. Run them as root (CI does).");
        }
    }

    /** lab/lab of this checkout; KUBEORCH_LAB names another lab/lab (e.g. while lab data is missing here). */
    private static Path labCommand() {
        String override = System.getenv("KUBEORCH_LAB");
        Path lab = override != null && !override.isBlank() ? Path.of(override) : Path.of("lab", "lab");
        if (!Files.isExecutable(lab)) {
            fail("the lab CLI " + lab.toAbsolutePath() + " is missing: merge the lab branches");
        }
        return lab.toAbsolutePath();
    }

    private static String run(Path lab, List<String> args, Duration timeout, boolean check) {
        List<String> argv = new ArrayList<>();
        argv.add(lab.toString());
        argv.addAll(args);
        try {
            Path output = Files.createTempFile("lab", ".out");
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("lab " + String.join(" ", args) + " did not finish within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            if (check && process.exitValue() != 0) {
                fail("lab " + String.join(" ", args) + " failed (exit " + process.exitValue() + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads the inventory lab up writes (the product's parser lives on another branch). */
    static final class LabInventory {

        static Inventory read(Path file) {
            try {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
                JsonNode k = root.path("kubernetes");
                JsonNode c = root.path("containerd");
                JsonNode r = root.path("repositories");
                JsonNode n = root.path("network");
                JsonNode s = root.path("ssh");
                List<String> mirrors = new ArrayList<>();
                c.path("registryMirrors").forEach(m -> mirrors.add(m.asText()));
                List<Node> nodes = new ArrayList<>();
                root.path("nodes").forEach(node -> {
                    List<Inventory.Role> roles = new ArrayList<>();
                    node.path("roles").forEach(role -> roles.add("control-plane".equals(role.asText())
                            ? Inventory.Role.CONTROL_PLANE : Inventory.Role.WORKER));
                    nodes.add(new Node(node.path("name").asText(), node.path("address").asText(), roles));
                });
                return new Inventory(root.path("name").asText(),
                        new Inventory.Kubernetes(k.path("version").asText(), k.path("podSubnet").asText(),
                                k.path("serviceSubnet").asText(), k.path("imageRepository").asText(),
                                k.hasNonNull("controlPlaneEndpoint") ? k.path("controlPlaneEndpoint").asText() : null),
                        new Inventory.Containerd(c.path("version").asText(), c.path("sandboxImage").asText(), mirrors),
                        new Inventory.Repositories(r.hasNonNull("containerd") ? r.path("containerd").asText() : null,
                                r.path("kubernetes").asText()),
                        new Inventory.Network(n.path("plugin").asText(), n.path("version").asText(),
                                n.path("manifestUrl").asText()),
                        new Inventory.SshSettings(s.path("user").asText(), s.path("port").asInt(22),
                                s.path("privateKeyFile").asText(), null, s.path("knownHostsFile").asText(), false,
                                s.path("sudo").asBoolean(false), null, null, 10),
                        nodes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
