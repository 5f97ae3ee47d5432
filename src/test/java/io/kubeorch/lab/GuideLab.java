package io.kubeorch.lab;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The guide tests' view of a lab: the lab's own fixture ({@link Lab}, {@link LabSsh}: sshj with
 * strict host key checking against the lab's known_hosts and the lab's client key), one SSH
 * connection per host, and the lab's mirror and registry addresses.
 */
final class GuideLab implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    /** The outcome of one command on a host. */
    record Result(int exit, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    private final Lab lab;
    private final Map<String, LabSsh> ssh = new LinkedHashMap<>();

    private GuideLab(Lab lab) {
        this.lab = lab;
    }

    /** Starts a lab of one control plane and WORKERS workers on PREFIX.1... */
    static GuideLab start(String prefix, int workers) throws IOException {
        Lab.requireRoot();
        Path dir = Path.of("target", "guide-labs", prefix).toAbsolutePath();
        Lab.run(List.of("down", "--dir", dir.toString()), null, Duration.ofMinutes(2)); // a leftover of a killed run
        GuideLab guide = new GuideLab(Lab.start(LabOptions.builder(prefix, dir).nodes(workers + 1).build()));
        try {
            for (String node : guide.nodes()) {
                guide.ssh.put(node, LabSsh.connect(guide.lab, node));
            }
        } catch (IOException | RuntimeException e) {
            guide.close();
            throw e;
        }
        return guide;
    }

    String address(String node) {
        return lab.address(node);
    }

    String mirror() {
        return "http://" + lab.options().prefix() + ".254:" + lab.options().mirrorPort();
    }

    String registry() {
        return lab.options().prefix() + ".254:5000/google_containers";
    }

    List<String> nodes() {
        return lab.nodes();
    }

    List<String> workers() {
        return nodes().subList(1, nodes().size());
    }

    /** Runs COMMAND on NODE (through the login shell sshd starts), feeding it INPUT. */
    Result run(String node, String command, String input) {
        try {
            LabSsh.Result r = ssh.get(node).run(command, input, COMMAND_TIMEOUT);
            if (r.exitStatus() == null) {
                fail(node + ": no exit status (timed out or connection cut): " + command + "\n" + r.stdout() + r.stderr());
            }
            return new Result(r.exitStatus(), r.stdout(), r.stderr());
        } catch (IOException e) {
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
            fail(node + ": script failed with " + r.exit() + "\n--- script\n" + script
                    + "\n--- stdout\n" + r.stdout() + "\n--- stderr\n" + r.stderr());
        }
        return r;
    }

    /** Runs a script on several nodes at once, as the guide says to. */
    void scriptOnAll(List<String> on, Function<String, String> scriptFor) {
        List<CompletableFuture<Result>> runs = new ArrayList<>();
        for (String node : on) {
            runs.add(CompletableFuture.supplyAsync(() -> script(node, scriptFor.apply(node))));
        }
        runs.forEach(CompletableFuture::join);
    }

    @Override
    public void close() {
        for (LabSsh connection : ssh.values()) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // the lab goes down next anyway
            }
        }
        lab.close();
    }
}
