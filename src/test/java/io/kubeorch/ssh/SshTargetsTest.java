package io.kubeorch.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.kubeorch.inventory.Inventory;

class SshTargetsTest {

    @TempDir
    Path workingDirectory;

    private final Inventory.Node node = new Inventory.Node("cp1", "10.0.0.11", List.of(Inventory.Role.CONTROL_PLANE));

    @Test
    void relativeKeyAndKnownHostsPathsAreResolvedAgainstTheWorkingDirectory() throws Exception {
        Files.createDirectories(workingDirectory.resolve("keys"));
        Files.writeString(workingDirectory.resolve("keys/id_ed25519"), "key");
        SshTargets targets = new SshTargets(workingDirectory);

        SshTarget target = targets.forNode(settings("keys/id_ed25519", null, null), node);

        assertThat(target.nodeName()).isEqualTo("cp1");
        assertThat(target.address()).isEqualTo("10.0.0.11");
        assertThat(target.port()).isEqualTo(2222);
        assertThat(target.user()).isEqualTo("kube");
        assertThat(target.privateKeyFile()).isEqualTo(workingDirectory.resolve("keys/id_ed25519"));
        assertThat(target.knownHostsFile()).isEqualTo(workingDirectory.resolve("state/known_hosts"));
        assertThat(target.sudo()).isTrue();
        assertThat(target.acceptNewHostKeys()).isTrue();
        assertThat(target.jumpHost()).isEqualTo("bastion:22");
        assertThat(target.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void missingKeyFileIsReportedWithTheInventoryField() {
        SshTargets targets = new SshTargets(workingDirectory);

        assertThatThrownBy(() -> targets.forNode(settings("keys/missing", null, null), node))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssh.privateKeyFile")
                .hasMessageContaining(workingDirectory.resolve("keys/missing").toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void passwordVariableAloneIsEnough() {
        SshTarget target = new SshTargets(workingDirectory).forNode(settings(null, "NODE_PASSWORD", null), node);

        assertThat(target.privateKeyFile()).isNull();
        assertThat(target.passwordEnv()).isEqualTo("NODE_PASSWORD");
    }

    @Test
    void sudoPasswordIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> new SshTargets(workingDirectory).forNode(settings(null, "P", "SUDO_P"), node))
                .hasMessageContaining("ssh.sudoPasswordEnv").hasMessageContaining("NOPASSWD");
    }

    private static Inventory.SshSettings settings(String key, String passwordEnv, String sudoPasswordEnv) {
        return new Inventory.SshSettings("kube", 2222, key, passwordEnv, "state/known_hosts", true, true,
                sudoPasswordEnv, "bastion:22", 7);
    }
}
