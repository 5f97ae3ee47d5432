package io.kubeorch.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real OpenSSH server for tests: Debian's {@code /usr/sbin/sshd -D -e} on 127.0.0.1 and a free
 * port, with its own ed25519 host key, one authorized client key (root may log in by key), and a
 * hashed known_hosts file that trusts it. Everything lives in a temporary directory removed on close.
 * sshd runs chrooted into a private mount namespace's view of the machine where "/" is traversable
 * and root's ~/.bashrc is empty (see {@link #start(boolean)}). Needs root, util-linux's unshare and the openssh-server package;
 * says so when one is missing.
 */
final class OpenSshServer implements AutoCloseable {

    static final String SSHD = "/usr/sbin/sshd";
    static final String HOST = "127.0.0.1";

    final Path dir;
    final int port;
    final Path clientKey;
    final Path knownHosts;
    final Path hostPublicKey;
    private final Path log;
    private final Process process;

    private OpenSshServer(Path dir, int port, Path clientKey, Path knownHosts, Path hostPublicKey, Path log,
            Process process) {
        this.dir = dir;
        this.port = port;
        this.clientKey = clientKey;
        this.knownHosts = knownHosts;
        this.hostPublicKey = hostPublicKey;
        this.log = log;
        this.process = process;
    }

    /** Root logs in by key only. */
    static OpenSshServer start() {
        return start(false);
    }

    /** @param passwordAuthentication whether users other than root may also log in by password */
    static OpenSshServer start(boolean passwordAuthentication) {
        requirePrerequisites();
        try {
            Path dir = Files.createTempDirectory("sshd-test-");
            // readable by the non-root test users: sshd reads authorized_keys as the user logging in
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path hostKey = dir.resolve("ssh_host_ed25519_key");
            LocalCommands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test-host", "-f", hostKey.toString());
            Path clientKey = dir.resolve("client_ed25519");
            LocalCommands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test-client", "-f", clientKey.toString());
            Path authorizedKeys = dir.resolve("authorized_keys");
            Files.copy(dir.resolve("client_ed25519.pub"), authorizedKeys);
            Files.setPosixFilePermissions(authorizedKeys, PosixFilePermissions.fromString("rw-r--r--"));
            Files.createDirectories(Path.of("/run/sshd"));

            int port = freePort();
            Path hostPublicKey = dir.resolve("ssh_host_ed25519_key.pub");
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, "[" + HOST + "]:" + port + " " + publicKeyText(hostPublicKey) + "\n");
            LocalCommands.run("ssh-keygen", "-q", "-H", "-f", knownHosts.toString());
            Files.deleteIfExists(dir.resolve("known_hosts.old"));

            Path config = dir.resolve("sshd_config");
            Files.writeString(config, String.join("\n",
                    "Port " + port,
                    "ListenAddress " + HOST,
                    "HostKey " + hostKey,
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + authorizedKeys,
                    "StrictModes no",
                    "UsePAM no",
                    "PermitRootLogin prohibit-password",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication " + (passwordAuthentication ? "yes" : "no"),
                    "KbdInteractiveAuthentication no",
                    "AllowTcpForwarding yes",
                    "PrintMotd no",
                    "LogLevel VERBOSE",
                    "MaxStartups 50",
                    "MaxSessions 50",
                    ""));
            Path log = dir.resolve("sshd.log");
            // sshd runs in a private mount namespace, chrooted into a view of this machine: a root
            // directory any user may traverse (this machine's own "/" may be 0700, which would stop the
            // non-root test users at their first step) and a plain root profile, as on the lab's hosts (a
            // heavy ~/.bashrc, which Debian's bash sources for commands run by sshd, would cost every
            // command seconds). The machine itself is not changed: the mounts die with the namespace.
            Path plainProfile = dir.resolve("plain-bashrc");
            Files.writeString(plainProfile, "# plain profile of the test sshd\n");
            Files.setPosixFilePermissions(plainProfile, PosixFilePermissions.fromString("rw-r--r--"));
            Path view = dir.resolve("view");
            Files.createDirectory(view);
            Files.setPosixFilePermissions(view, PosixFilePermissions.fromString("rwxr-xr-x"));
            String setup = String.join("\n",
                    "set -e",
                    "view=$1",
                    "for entry in /*; do",
                    "  name=${entry#/}",
                    "  if [ -L \"$entry\" ]; then ln -s \"$(readlink \"$entry\")\" \"$view/$name\"",
                    "  elif [ -d \"$entry\" ]; then mkdir \"$view/$name\"",
                    "    if [ \"$name\" = tmp ]; then mount --bind /tmp \"$view/tmp\"; else mount --rbind \"$entry\" \"$view/$name\"; fi",
                    "  fi",
                    "done",
                    "[ ! -e /root/.bashrc ] || mount --bind \"$2\" \"$view/root/.bashrc\"",
                    "exec chroot \"$view\" \"$3\" -D -e -f \"$4\"");
            Process process = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", setup,
                    "sh", view.toString(), plainProfile.toString(), SSHD, config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            OpenSshServer server = new OpenSshServer(dir, port, clientKey, knownHosts, hostPublicKey, log, process);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up the test sshd: " + e.getMessage(), e);
        }
    }

    /** A target for root on this server, by key, verified against the hashed known_hosts file. */
    SshTarget rootTarget() {
        return target("root", clientKey, null, knownHosts, false, false);
    }

    SshTarget target(String user, Path key, String passwordEnv, Path knownHostsFile, boolean acceptNew, boolean sudo) {
        return new SshTarget("node-under-test", HOST, port, user, key, passwordEnv, knownHostsFile,
                acceptNew, sudo, null, null, Duration.ofSeconds(5));
    }

    /** A user logging in by the client key whose sudo wants the password held by {@code sudoPasswordEnv}. */
    SshTarget sudoWithPassword(String user, String sudoPasswordEnv) {
        return new SshTarget("node-under-test", HOST, port, user, clientKey, null, knownHosts, false, true,
                sudoPasswordEnv, null, Duration.ofSeconds(5));
    }

    /** {@code SHA256:...} of the server's host key, as ssh-keygen prints it. */
    String hostKeyFingerprint() {
        return LocalCommands.run("ssh-keygen", "-l", "-E", "sha256", "-f", hostPublicKey.toString()).split("\\s+")[1];
    }

    /** Kills every process this server started for its connections (as a crashed host would lose them). */
    void dropAllConnections() {
        for (long pid : descendants(process.pid())) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** How many connections this server has accepted so far, from its log. */
    long acceptedConnections() {
        try {
            return Files.readAllLines(log).stream().filter(line -> line.startsWith("Connection from ")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        List<Long> children = descendants(process.pid());
        process.destroy();
        for (long pid : children) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // outside the namespace, view/ holds only empty directories and symbolic links (not followed)
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    static String publicKeyText(Path publicKeyFile) throws IOException {
        String[] fields = Files.readString(publicKeyFile).trim().split("\\s+");
        return fields[0] + " " + fields[1];
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static List<Long> descendants(long pid) {
        List<Long> result = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> result.add(child.pid())));
        return result;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the test sshd exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 500);
                socket.setSoTimeout(2000);
                InputStream in = socket.getInputStream();
                byte[] banner = new byte[8];
                int read = in.readNBytes(banner, 0, banner.length);
                if (new String(banner, 0, read, StandardCharsets.US_ASCII).startsWith("SSH-2.0")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the test sshd did not listen on " + HOST + ":" + port + " within 10 s: " + log());
    }

    private static void requirePrerequisites() {
        if (!Files.isExecutable(Path.of(SSHD))) {
            throw new IllegalStateException(SSHD + " is missing: these tests need a real OpenSSH server"
                    + " (apt-get install -y openssh-server sudo)");
        }
        String uid = LocalCommands.run("id", "-u").trim();
        if (!uid.equals("0")) {
            throw new IllegalStateException("these tests start sshd and create local users: run them as root (uid is "
                    + uid + ")");
        }
    }
}
