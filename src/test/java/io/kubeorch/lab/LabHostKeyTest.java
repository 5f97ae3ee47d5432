package io.kubeorch.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Host keys are real: the written known_hosts is what the hosts present, and a change shows. */
class LabHostKeyTest {

    private static Lab lab;

    @BeforeAll
    static void up() {
        lab = Lab.start(LabOptions.builder("127.0.12", Path.of("target/lab-tests/hostkey")).nodes(2).build());
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.down();
        }
    }

    @Test
    void aRegeneratedHostKeyIsRejectedAsNotVerifiable() throws Exception {
        try (LabSsh ssh = LabSsh.connect(lab, "node01")) {
            assertThat(ssh.run("true").exitStatus()).isZero();
        }
        Lab.CommandResult rekey = lab.exec("node01", "bash", "-c",
                "rm -f /etc/ssh/ssh_host_ed25519_key* && ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key");
        assertThat(rekey.exitCode()).as(rekey.stderr()).isZero();
        lab.fault("node01", "down");
        lab.fault("node01", "up");

        assertThatThrownBy(() -> LabSsh.open(lab, "node01").close())
                .isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).getDisconnectReason())
                        .isEqualTo(DisconnectReason.HOST_KEY_NOT_VERIFIABLE));
        try (LabSsh ssh = LabSsh.connect(lab, "master01")) {
            assertThat(ssh.run("true").exitStatus()).isZero();
        }
    }

    @Test
    void everyHostHasItsOwnKeyAndNoneOfTheMachinesKeys() throws Exception {
        String master = lab.exec("master01", "cat", "/etc/ssh/ssh_host_ed25519_key.pub").stdout();
        String node = lab.exec("node01", "cat", "/etc/ssh/ssh_host_ed25519_key.pub").stdout();
        assertThat(master).isNotEqualTo(node);
        assertThat(lab.exec("master01", "bash", "-c", "ls /etc/ssh | grep host_").stdout())
                .isEqualTo("ssh_host_ed25519_key\nssh_host_ed25519_key.pub\n");
    }
}
