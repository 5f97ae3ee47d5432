package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** checkHostRequirements on a lab whose control plane has 1 CPU and whose worker has 900 MB. */
class HostUnfitTest {

    private static LabCluster lab;

    @BeforeAll
    static void startLab() {
        lab = LabCluster.up("127.0.32", "host-unfit",
                options -> options.nodes(2).hostCpus("master01", 1).hostMemoryMb("node01", 900));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aOneCpuControlPlaneIsHostUnfitBeforeAnyHostChanges() {
        String before = hostState();

        StepResult worker = lab.run(new CheckHostRequirements(), "node01");
        assertThatThrownBy(() -> lab.run(new CheckHostRequirements(), "master01"))
                .isInstanceOfSatisfying(DecisionRequiredException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("HOST_UNFIT"))
                .hasMessageContaining("master01")
                .hasMessageContaining("the number of available CPUs 1 is less than the required 2");

        assertThat(worker.changed()).isFalse();
        assertThat(worker.facts()).containsEntry("osId", "openEuler").containsEntry("osVersion", "24.03")
                .containsEntry("cpus", "2").containsEntry("memoryMb", "900");
        assertThat(hostState()).as("nothing changed on any host").isEqualTo(before);
        assertThat(before).contains("localhost.localdomain", "active", "Enforcing");
    }

    private static String hostState() {
        String probe = "hostname; systemctl is-active firewalld; getenforce; swapon --show --noheadings;"
                + " sysctl -n net.ipv4.ip_forward; md5sum /etc/hosts /etc/fstab /etc/selinux/config; ls /etc/yum.repos.d";
        return lab.exec("master01", probe) + lab.exec("node01", probe);
    }
}
