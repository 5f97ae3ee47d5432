package io.kubeorch.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.inventory.InventoryError;
import io.kubeorch.inventory.InventoryParser;
import io.kubeorch.inventory.ServerSideCheck;
import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabCommandRecord;
import io.kubeorch.lab.LabOptions;
import io.kubeorch.ssh.HostConnector;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.SshTargets;

/**
 * The step tests' view of a lab ({@link Lab}): its inventory as the product parses it, steps run
 * over the product's SSH layer (sshj, host keys checked against the lab's known_hosts), and
 * {@code lab exec} to look at a host behind the steps' back. Needs root: {@link Lab#start} fails
 * with a message saying so, never skips.
 */
final class LabCluster implements AutoCloseable {

    static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

    private final Lab lab;
    private final Inventory inventory;
    private final AnnotationConfigApplicationContext ssh;
    private final HostConnector connector;
    private final SshTargets targets;

    private LabCluster(Lab lab, UnaryOperator<String> inventoryEdit) {
        this.lab = lab;
        try {
            this.inventory = new InventoryParser().parse(inventoryEdit.apply(Files.readString(lab.inventory())));
        } catch (IOException e) {
            lab.close();
            throw new UncheckedIOException(e);
        }
        this.ssh = new AnnotationConfigApplicationContext();
        ssh.scan("io.kubeorch.ssh");
        ssh.refresh();
        this.connector = ssh.getBean(HostConnector.class);
        this.targets = ssh.getBean(SshTargets.class);
    }

    /** Starts a lab on {@code prefix} (e.g. 127.0.30) in target/labs/{name}. */
    static LabCluster up(String prefix, String name, UnaryOperator<LabOptions.Builder> options) {
        return up(prefix, name, options, UnaryOperator.identity());
    }

    /** Like {@link #up(String, String, UnaryOperator)}, with the lab's inventory text edited first. */
    static LabCluster up(String prefix, String name, UnaryOperator<LabOptions.Builder> options,
            UnaryOperator<String> inventoryEdit) {
        Path dir = Path.of("target", "labs", name).toAbsolutePath();
        Lab.run(java.util.List.of("down", "--dir", dir.toString()), null, Duration.ofMinutes(1));
        return new LabCluster(Lab.start(options.apply(LabOptions.builder(prefix, dir)).build()), inventoryEdit);
    }

    Inventory inventory() {
        return inventory;
    }

    /** What the product's check at the start of an install finds wrong with the lab's inventory on this machine. */
    List<InventoryError> serverSideProblems() {
        return ssh.getBeansOfType(ServerSideCheck.class).values().stream()
                .flatMap(check -> check.check(inventory).stream()).toList();
    }

    /** The sudo password (with {@code --sudo-password}). */
    Optional<String> sudoPassword() {
        return lab.sudoPassword();
    }

    Node node(String name) {
        return inventory.requireNode(name);
    }

    RemoteHost connect(Node node) {
        return connector.connect(targets.forNode(inventory.ssh(), node));
    }

    /** Runs {@code step} on {@code node} over SSH, as the process would. */
    StepResult run(NodeStep step, String node) {
        return run(step, node, inventory);
    }

    /** Runs {@code step} on {@code node} with another inventory (e.g. other settings for the same lab). */
    StepResult run(NodeStep step, String node, Inventory inventory) {
        Node target = node(node);
        try (RemoteHost host = connect(target)) {
            return step.run(new StepContext("test-install", inventory, target, host, this::connect, STEP_TIMEOUT));
        }
    }

    /** A bash command's output (stdout then stderr) on a host, whatever its exit status, run outside SSH. */
    String exec(String node, String command) {
        return lab.exec(node, "bash", "-c", command).output();
    }

    /** {@code lab fault NODE ARGS...}: e.g. {@code fail kubeadm-join}. */
    void fault(String node, String... args) {
        lab.fault(node, args);
    }

    /** {@code lab ARGS... --dir DIR} (e.g. {@code clock advance 7201}, {@code cluster}); its output. */
    String lab(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.addAll(java.util.List.of("--dir", lab.dir().toString()));
        Lab.CommandResult result = Lab.run(all, null, Duration.ofMinutes(1));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("lab " + all + " failed: " + result.stderr());
        }
        return result.stdout();
    }

    /** The lab's SSH command records, a line each. */
    String commandRecords() {
        return lab.commandRecords().stream().map(LabCommandRecord::toString).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        try {
            ssh.close();
        } finally {
            lab.close();
        }
    }
}
