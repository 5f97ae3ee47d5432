package io.kubeorch.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kubeorch.inventory.Inventory;

class SshTargetsTest {

    private final Path workingDirectory = Path.of("/srv/kubeorch");
    private final SshTargets targets = new SshTargets(workingDirectory);
    private final Inventory.Node node = new Inventory.Node("cp1", "10.0.0.11", List.of(Inventory.Role.CONTROL_PLANE));

    @Test
    void relativeKeyAndKnownHostsPathsAreResolvedAgainstTheWorkingDirectory() {
        SshTarget target = targets.forNode(settings("keys/id_ed25519", null, null), node);

        assertThat(target.nodeName()).isEqualTo("cp1");
        assertThat(target.address()).isEqualTo("10.0.0.11");
        assertThat(target.port()).isEqualTo(2222);
        assertThat(target.user()).isEqualTo("kube");
        assertThat(target.privateKeyFile()).isEqualTo(Path.of("/srv/kubeorch/keys/id_ed25519"));
        assertThat(target.knownHostsFile()).isEqualTo(Path.of("/srv/kubeorch/state/known_hosts"));
        assertThat(target.sudo()).isTrue();
        assertThat(target.acceptNewHostKeys()).isTrue();
        assertThat(target.jumpHost()).isEqualTo("bastion:22");
        assertThat(target.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void absolutePathsAreTakenAsGiven() {
        assertThat(targets.forNode(settings("/etc/kubeorch/../kubeorch/id", null, null), node).privateKeyFile())
                .isEqualTo(Path.of("/etc/kubeorch/id"));
    }

    @Test
    void passwordVariableAloneIsEnough() {
        SshTarget target = targets.forNode(settings(null, "NODE_PASSWORD", null), node);

        assertThat(target.privateKeyFile()).isNull();
        assertThat(target.passwordEnv()).isEqualTo("NODE_PASSWORD");
        assertThat(target.sudoPasswordEnv()).isNull();
    }

    @Test
    void theSudoPasswordVariableIsCarriedToTheConnection() {
        assertThat(targets.forNode(settings("keys/id", null, "SUDO_P"), node).sudoPasswordEnv()).isEqualTo("SUDO_P");
    }

    private static Inventory.SshSettings settings(String key, String passwordEnv, String sudoPasswordEnv) {
        return new Inventory.SshSettings("kube", 2222, key, passwordEnv, "state/known_hosts", true, true,
                sudoPasswordEnv, "bastion:22", 7);
    }
}
