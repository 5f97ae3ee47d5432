package io.kubeorch.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * Test-side SSH client for lab hosts (sshj, as the product uses): strict host key checking
 * against the lab's known_hosts, key or password authentication.
 */
public final class LabSsh implements AutoCloseable {

    /** Readers of command output: one thread each (a shared small pool could starve on a hung command). */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lab-ssh-reader");
        t.setDaemon(true);
        return t;
    });

    private final SSHClient client;

    private LabSsh(SSHClient client) {
        this.client = client;
    }

    /** Connects to NODE as the lab's user with its key (or its password, if the lab uses one). */
    public static LabSsh connect(Lab lab, String node) throws IOException {
        return connect(lab, node, lab.user());
    }

    public static LabSsh connect(Lab lab, String node, String user) throws IOException {
        SSHClient client = open(lab, node);
        try {
            if (lab.sshPassword().isPresent()) {
                client.authPassword(user, lab.sshPassword().get());
            } else {
                client.authPublickey(user, client.loadKeys(lab.privateKey().toString()));
            }
            return new LabSsh(client);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Connects and verifies the host key, without authenticating. */
    public static SSHClient open(Lab lab, String node) throws IOException {
        SSHClient client = new SSHClient();
        client.loadKnownHosts(lab.knownHosts().toFile());
        client.setConnectTimeout(5_000);
        client.setTimeout(30_000);
        try {
            client.connect(lab.address(node), lab.sshPort());
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    public SSHClient client() {
        return client;
    }

    /** Runs COMMAND with empty stdin. */
    public Result run(String command) throws IOException {
        return run(command, "", Duration.ofSeconds(30));
    }

    /**
     * Runs COMMAND with INPUT on its stdin; waits at most TIMEOUT for it to finish. On timeout the
     * whole connection is closed (sshd keeps a channel open while its command runs); then, or if
     * the connection was cut, the result has no exit status.
     */
    public Result run(String command, String input, Duration timeout) throws IOException {
        Session session = client.startSession();
        Session.Command cmd = session.exec(command);
        CompletableFuture<String> out = drain(cmd.getInputStream());
        CompletableFuture<String> err = drain(cmd.getErrorStream());
        try (OutputStream stdin = cmd.getOutputStream()) {
            if (!input.isEmpty()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (ConnectionException e) {
            // the command ended (or the connection was cut) before reading its stdin
        }
        try {
            cmd.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ConnectionException e) {
            if (e.getCause() instanceof TimeoutException) {
                client.close();
            } // else: the connection was cut (a dropped or downed host)
            return new Result(null, null, rest(out), rest(err));
        }
        Result result = new Result(cmd.getExitStatus(), cmd.getExitSignal(), rest(out), rest(err));
        session.close();
        return result;
    }

    private static String rest(CompletableFuture<String> output) {
        return output.completeOnTimeout("", 5, TimeUnit.SECONDS).exceptionally(e -> "").join();
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, READERS);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** Exit status (null if the command died of a signal or the connection was cut) and output. */
    public record Result(Integer exitStatus, Signal exitSignal, String stdout, String stderr) {
    }
}
