package io.kubeorch.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Non-root logins whose commands run through {@code sudo -n}. */
class SudoTest {

    @RegisterExtension
    static final SshServerPerClass sshd = new SshServerPerClass();

    private final OpenSshServer server = sshd.server();
    private final SshjConnector connector = new SshjConnector(new PasswordSource());

    @Test
    void userWithPasswordlessSudoRunsScriptsAsRootWithItsEnvironment() {
        try (LocalUser user = LocalUser.create("kotest-sudo").withPasswordlessSudo();
                RemoteHost host = connector.connect(server.target(user.name, server.clientKey, null, server.knownHosts,
                        false, true))) {
            CommandResult result = host.run(RemoteCommand.script("as-root.sh",
                    "echo \"$(id -un) $SUDO_USER $GREETING\"").env("GREETING", "hello 'there'").build());

            assertThat(result.stdout()).as(result.stderr()).isEqualTo("root kotest-sudo hello 'there'\n");
        }
    }

    @Test
    void sudoCommandThatOutlivesItsTimeoutIsKilledAsRoot() {
        String sleeper = "sleep 419." + System.nanoTime() % 1000;
        try (LocalUser user = LocalUser.create("kotest-sudo").withPasswordlessSudo();
                RemoteHost host = connector.connect(server.target(user.name, server.clientKey, null, server.knownHosts,
                        false, true))) {
            assertThatThrownBy(() -> host.run(RemoteCommand.script("hangs.sh", sleeper)
                    .timeout(Duration.ofSeconds(1)).build())).isInstanceOfSatisfying(SshException.class,
                            e -> assertThat(e.failure()).isEqualTo(SshFailure.TIMEOUT));
        }
        assertThat(LocalCommands.tryRun(null, "pgrep", "-f", sleeper).exit()).isEqualTo(1);
    }

    @Test
    void userWithoutPasswordlessSudoGetsPrivilegeDenied() {
        try (LocalUser user = LocalUser.create("kotest-nosudo");
                RemoteHost host = connector.connect(server.target(user.name, server.clientKey, null, server.knownHosts,
                        false, true))) {
            assertThatThrownBy(() -> host.run(RemoteCommand.script("needs-root.sh", "touch /etc/never").build()))
                    .isInstanceOfSatisfying(SshException.class, e -> {
                        assertThat(e.failure()).isEqualTo(SshFailure.PRIVILEGE_DENIED);
                        assertThat(e.failure().retryable()).isFalse();
                        assertThat(e.getMessage()).contains("kotest-nosudo").contains("NOPASSWD")
                                .contains("needs-root.sh");
                    });
        }
    }
}
