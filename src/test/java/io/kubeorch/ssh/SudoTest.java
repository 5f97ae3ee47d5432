package io.kubeorch.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Non-root logins whose commands run through sudo: passwordless ({@code sudo -n}), or with the
 * password from a variable of the kubeorch server, on Debian's real sudo.
 */
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

    // ------------------------------------------------------------ sudo with a password

    private final String variable = "KUBEORCH_TEST_SUDO_PASSWORD_" + ProcessHandle.current().pid();
    private final String password = "s3cret pa ss'word$(id)";

    @AfterEach
    void forgetThePassword() {
        System.clearProperty(variable);
    }

    @ParameterizedTest(name = "login shell {0}")
    @ValueSource(strings = {"/bin/bash", "/bin/sh"})
    void sudoWithAPasswordRunsEveryCommandOfAConnectionAsRoot(String shell) {
        System.setProperty(variable, password);
        try (LocalUser user = LocalUser.create("kotest-sudopw", shell).withPassword(password).withPasswordSudo();
                RemoteHost host = connector.connect(server.sudoWithPassword(user.name, variable))) {
            for (int i = 0; i < 2; i++) {
                // the script's own standard input is empty: the password line was taken before it
                CommandResult result = host.run(RemoteCommand.script("as-root.sh",
                        "echo \"$(id -un) $SUDO_USER $GREETING\"; cat").env("GREETING", "hello").build());

                assertThat(result.exitStatus()).as(result.stderr()).isZero();
                assertThat(result.stdout()).isEqualTo("root kotest-sudopw hello\n");
                assertThat(result.stderr()).doesNotContain(password);
            }
        }
    }

    @Test
    void theSudoPasswordIsNeverOnTheCommandLine() {
        ScriptInvocation invocation = ScriptInvocation.withSudoPassword(
                RemoteCommand.script("x.sh", "true").env("A", "b").build(), password.toCharArray());

        assertThat(invocation.commandLine()).doesNotContain(password).startsWith("IFS= read -r ")
                .endsWith("sudo -n timeout --kill-after=5 300 bash -s " + invocation.marker() + "; exit $?");
        assertThat(invocation.marker()).matches("kubeorch-run-[0-9a-f]{16}");
        assertThat(new String(invocation.standardInput(), StandardCharsets.UTF_8))
                .startsWith(password + "\nexport A='b'\n{\ntrue\n}\n");
        assertThatThrownBy(() -> ScriptInvocation.withSudoPassword(RemoteCommand.script("x.sh", "true").build(),
                "two\nlines".toCharArray())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("two");
    }

    @Test
    void aWrongSudoPasswordIsPrivilegeDeniedSayingWhichVariableToFix() {
        System.setProperty(variable, "not-the-password");
        try (LocalUser user = LocalUser.create("kotest-sudopw").withPassword(password).withPasswordSudo();
                RemoteHost host = connector.connect(server.sudoWithPassword(user.name, variable))) {
            assertThatThrownBy(() -> host.run(RemoteCommand.script("needs-root.sh", "touch /etc/never").build()))
                    .isInstanceOfSatisfying(SshException.class, e -> {
                        assertThat(e.failure()).isEqualTo(SshFailure.PRIVILEGE_DENIED);
                        assertThat(e.failure().retryable()).isFalse();
                        assertThat(e.summary()).isEqualTo("node-under-test: sudo did not accept the password in "
                                + variable + " for user 'kotest-sudopw' (before 'needs-root.sh')");
                        assertThat(e.fix()).contains("Set the environment variable " + variable);
                        assertThat(e.getMessage()).doesNotContain("not-the-password").doesNotContain(password);
                    });
        }
        assertThat(Path.of("/etc/never")).doesNotExist();
    }

    @Test
    void anUnsetSudoPasswordVariableIsPrivilegeDeniedBeforeAnythingRuns() {
        try (LocalUser user = LocalUser.create("kotest-sudopw").withPassword(password).withPasswordSudo();
                RemoteHost host = connector.connect(server.sudoWithPassword(user.name, variable))) {
            assertThatThrownBy(() -> host.run(RemoteCommand.script("needs-root.sh", "true").build()))
                    .isInstanceOfSatisfying(SshException.class, e -> {
                        assertThat(e.failure()).isEqualTo(SshFailure.PRIVILEGE_DENIED);
                        assertThat(e.summary()).contains(variable).contains("not set on the kubeorch server");
                    });
        }
    }

    @Test
    void aUserWhoMayNotSudoIsToldSoNotThatThePasswordIsWrong() {
        System.setProperty(variable, password);
        try (LocalUser user = LocalUser.create("kotest-sudopw").withPassword(password);
                RemoteHost host = connector.connect(server.sudoWithPassword(user.name, variable))) {
            assertThatThrownBy(() -> host.run(RemoteCommand.script("needs-root.sh", "true").build()))
                    .isInstanceOfSatisfying(SshException.class, e -> {
                        assertThat(e.failure()).isEqualTo(SshFailure.PRIVILEGE_DENIED);
                        assertThat(e.summary()).contains("'kotest-sudopw' may not use sudo");
                        assertThat(e.fix()).contains("/etc/sudoers.d/kotest-sudopw");
                    });
        }
    }

    @Test
    void sudoersWithoutACredentialCacheIsExplained() {
        System.setProperty(variable, password);
        try (LocalUser user = LocalUser.create("kotest-sudopw").withPassword(password)
                .withSudoers("Defaults:kotest-sudopw timestamp_timeout=0\nkotest-sudopw ALL=(ALL) ALL\n");
                RemoteHost host = connector.connect(server.sudoWithPassword(user.name, variable))) {
            assertThatThrownBy(() -> host.run(RemoteCommand.script("needs-root.sh", "true").build()))
                    .isInstanceOfSatisfying(SshException.class, e -> {
                        assertThat(e.failure()).isEqualTo(SshFailure.PRIVILEGE_DENIED);
                        assertThat(e.fix()).contains("timestamp_timeout");
                    });
        }
    }

    @Test
    void aPasswordForAUserWithPasswordlessSudoIsTakenAndHarmless() {
        System.setProperty(variable, password);
        try (LocalUser user = LocalUser.create("kotest-sudopw").withPasswordlessSudo();
                RemoteHost host = connector.connect(server.sudoWithPassword(user.name, variable))) {
            CommandResult result = host.run(RemoteCommand.script("as-root.sh", "id -un; cat").build());

            assertThat(result.stdout()).as(result.stderr()).isEqualTo("root\n");
        }
    }
}
