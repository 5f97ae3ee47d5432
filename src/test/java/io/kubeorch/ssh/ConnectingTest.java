package io.kubeorch.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Host key checks, authentication and reachability against a real OpenSSH server. */
class ConnectingTest {

    @RegisterExtension
    static final SshServerPerClass sshd = new SshServerPerClass();

    private final OpenSshServer server = sshd.server();
    private final SshjConnector connector = new SshjConnector(new PasswordSource());

    @TempDir
    Path temp;

    @Test
    void hashedKnownHostsEntryWithPortIsAccepted() throws Exception {
        assertThat(Files.readString(server.knownHosts)).startsWith("|1|");

        try (RemoteHost host = connector.connect(server.rootTarget())) {
            assertThat(host.run(RemoteCommand.script("id.sh", "id -un").build()).stdout()).isEqualTo("root\n");
        }
    }

    @Test
    void unknownHostKeyIsRejectedWithoutAcceptNew() throws Exception {
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"), "");
        SshTarget target = server.target("root", server.clientKey, null, knownHosts, false, false);

        assertThatThrownBy(() -> connector.connect(target)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.failure()).isEqualTo(SshFailure.HOST_KEY_REJECTED);
            assertThat(e.failure().retryable()).isFalse();
            assertThat(e.getMessage()).contains("not in known_hosts file " + knownHosts)
                    .contains(server.hostKeyFingerprint()).contains("acceptNewHostKeys");
            saysWhatFailedThenWhatToFix(e, "not in known_hosts file", "ssh-keyscan");
        });
        assertThat(knownHosts).isEmptyFile();
    }

    @Test
    void unknownHostKeyIsAcceptedAndRecordedWithAcceptNew() throws Exception {
        Path knownHosts = temp.resolve("new/known_hosts");

        try (RemoteHost host = connector.connect(server.target("root", server.clientKey, null, knownHosts, true, false))) {
            assertThat(host.run(RemoteCommand.script("true.sh", "true").build()).exitStatus()).isZero();
        }

        assertThat(Files.readString(knownHosts)).isEqualTo("[127.0.0.1]:" + server.port + " "
                + OpenSshServer.publicKeyText(server.hostPublicKey) + "\n");
        assertThat(LocalCommands.run("ssh-keygen", "-F", "[127.0.0.1]:" + server.port, "-f", knownHosts.toString()))
                .as("OpenSSH reads the recorded entry").contains("ssh-ed25519");
        // now known: accepted without accept-new, and nothing is appended twice
        try (RemoteHost host = connector.connect(server.target("root", server.clientKey, null, knownHosts, false, false))) {
            assertThat(host.run(RemoteCommand.script("true.sh", "true").build()).exitStatus()).isZero();
        }
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void changedHostKeyIsRejectedEvenWithAcceptNew() throws Exception {
        LocalCommands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", temp.resolve("other").toString());
        String otherKey = OpenSshServer.publicKeyText(temp.resolve("other.pub"));
        String otherFingerprint = LocalCommands.run("ssh-keygen", "-l", "-E", "sha256", "-f",
                temp.resolve("other.pub").toString()).split("\\s+")[1];
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"),
                "[127.0.0.1]:" + server.port + " " + otherKey + "\n");
        String before = Files.readString(knownHosts);

        assertThatThrownBy(() -> connector.connect(server.target("root", server.clientKey, null, knownHosts, true, false)))
                .isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.failure()).isEqualTo(SshFailure.HOST_KEY_REJECTED);
                    assertThat(e.getMessage()).contains("HOST KEY CHANGED").contains(otherFingerprint)
                            .contains(server.hostKeyFingerprint()).contains(knownHosts.toString())
                            .contains("ssh-keygen -R");
                    saysWhatFailedThenWhatToFix(e, "HOST KEY CHANGED", "ssh-keygen -R");
                });
        assertThat(Files.readString(knownHosts)).isEqualTo(before);
    }

    @Test
    void wrongKeyFailsAuthentication() {
        Path wrongKey = temp.resolve("wrong_ed25519");
        LocalCommands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrongKey.toString());

        assertThatThrownBy(() -> connector.connect(server.target("root", wrongKey, null, server.knownHosts, false, false)))
                .isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.failure()).isEqualTo(SshFailure.AUTHENTICATION_FAILED);
                    assertThat(e.failure().retryable()).isFalse();
                    assertThat(e.getMessage()).contains("'root'").contains(wrongKey.toString())
                            .contains("authorized_keys");
                    saysWhatFailedThenWhatToFix(e, "rejected the login as 'root'", "authorized_keys");
                });
    }

    /** The first line (what an incident list shows) names the node and what failed; the rest says what to fix. */
    private static void saysWhatFailedThenWhatToFix(SshException e, String what, String fix) {
        String[] lines = e.getMessage().split("\n", 2);
        assertThat(lines[0]).startsWith("node-under-test: ").contains(what).hasSizeLessThan(200)
                .isEqualTo(e.summary());
        assertThat(lines[1]).contains(fix).isEqualTo(e.fix());
    }

    @Test
    void rsaKeyFilesWorkToo() throws Exception {
        Path rsaKey = temp.resolve("client_rsa");
        LocalCommands.run("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", rsaKey.toString());
        Path authorized = server.dir.resolve("authorized_keys");
        String before = Files.readString(authorized);
        Files.writeString(authorized, before + Files.readString(temp.resolve("client_rsa.pub")));
        try (RemoteHost host = connector.connect(server.target("root", rsaKey, null, server.knownHosts, false, false))) {
            assertThat(host.run(RemoteCommand.script("true.sh", "true").build()).exitStatus()).isZero();
        } finally {
            Files.writeString(authorized, before);
        }
    }

    @Test
    void nothingListeningIsUnreachableQuickly() throws Exception {
        int closedPort = OpenSshServer.freePort();
        SshTarget target = new SshTarget("node-under-test", OpenSshServer.HOST, closedPort, "root", server.clientKey,
                null, server.knownHosts, false, false, null, null, Duration.ofSeconds(5));
        long started = System.nanoTime();

        assertThatThrownBy(() -> connector.connect(target)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.failure()).isEqualTo(SshFailure.UNREACHABLE);
            assertThat(e.failure().retryable()).isTrue();
            assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort).contains("connection refused");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void unknownHostNameIsUnreachable() {
        SshTarget target = new SshTarget("node-under-test", "no-such-host.invalid", 22, "root", server.clientKey,
                null, server.knownHosts, false, false, null, null, Duration.ofSeconds(5));

        assertThatThrownBy(() -> connector.connect(target)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.failure()).isEqualTo(SshFailure.UNREACHABLE);
            assertThat(e.getMessage()).contains("unknown host name");
        });
    }

    @Test
    void jumpHostTunnelsToTheNode() {
        SshTarget viaJump = new SshTarget("node-under-test", OpenSshServer.HOST, server.port, "root", server.clientKey,
                null, server.knownHosts, false, false, null, OpenSshServer.HOST + ":" + server.port,
                Duration.ofSeconds(5));
        long before = server.acceptedConnections();

        try (RemoteHost host = connector.connect(viaJump)) {
            assertThat(host.run(RemoteCommand.script("true.sh", "echo through").build()).stdout()).isEqualTo("through\n");
        }
        // one connection to the jump host, one tunnelled through it to the node
        assertThat(server.acceptedConnections() - before).isEqualTo(2);
    }

    @Test
    void passwordComesFromTheNamedVariableAndAWrongOneFailsAuthentication() {
        String variable = "KUBEORCH_TEST_SSH_PASSWORD_" + ProcessHandle.current().pid();
        String password = "pa ss'word$(id)";
        try (OpenSshServer passwordServer = OpenSshServer.start(true);
                LocalUser user = LocalUser.create("kotest-pw").withPassword(password)) {
            SshTarget target = passwordServer.target(user.name, null, variable, passwordServer.knownHosts, false, false);

            assertThatThrownBy(() -> connector.connect(target)).isInstanceOfSatisfying(SshException.class, e -> {
                assertThat(e.failure()).isEqualTo(SshFailure.AUTHENTICATION_FAILED);
                assertThat(e.getMessage()).contains(variable).contains("not set");
            });

            System.setProperty(variable, password);
            try (RemoteHost host = connector.connect(target)) {
                assertThat(host.run(RemoteCommand.script("whoami.sh", "id -un").build()).stdout())
                        .isEqualTo(user.name + "\n");
            }

            System.setProperty(variable, "not-the-password");
            assertThatThrownBy(() -> connector.connect(target)).isInstanceOfSatisfying(SshException.class, e -> {
                assertThat(e.failure()).isEqualTo(SshFailure.AUTHENTICATION_FAILED);
                assertThat(e.getMessage()).contains(variable).doesNotContain("not-the-password")
                        .doesNotContain(password);
            });
        } finally {
            System.clearProperty(variable);
        }
    }
}
