package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeorch.inventory.Inventory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prepare-node steps (guide steps 1-17) on fresh lab hosts, over SSH. */
class PrepareNodeStepsTest {

    private static LabCluster lab;

    @BeforeAll
    static void startLab() {
        lab = LabCluster.up("127.0.31", "prepare-node", options -> options.nodes(3));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    static List<NodeStep> prepareNodeSteps() {
        return List.of(new DisableFirewall(), new DisableSelinux(), new SetHostname(), new WriteHostsFile(),
                new ConfigureKernelNetworking(), new DisableSwap(), new ConfigureContainerdRepository(),
                new InstallContainerd(), new ConfigureContainerd(), new StartContainerd(),
                new ConfigureKubernetesRepository(), new InstallKubernetesPackages(), new ConfigureKubelet());
    }

    static Map<String, Boolean> runAll(List<NodeStep> steps, String node) {
        Map<String, Boolean> changed = new LinkedHashMap<>();
        for (NodeStep step : steps) {
            changed.put(step.name(), lab.run(step, node).changed());
        }
        return changed;
    }

    @Test
    void rerunningPrepareNodeChangesNothing() {
        Map<String, Boolean> first = runAll(prepareNodeSteps(), "master01");
        Map<String, Boolean> second = runAll(prepareNodeSteps(), "master01");

        assertThat(first).as("every step changes a fresh host").doesNotContainValue(false);
        assertThat(second).as("a second run changes nothing").doesNotContainValue(true);
    }

    @Test
    void prepareNodeLeavesTheHostAsTheGuideWants() {
        runAll(prepareNodeSteps(), "node02");

        assertThat(lab.exec("node02", "systemctl is-active firewalld; systemctl is-enabled firewalld").lines())
                .containsExactly("inactive", "disabled");
        assertThat(lab.exec("node02", "getenforce; grep ^SELINUX= /etc/selinux/config").lines())
                .containsExactly("Permissive", "SELINUX=disabled");
        assertThat(lab.exec("node02", "hostname").strip()).isEqualTo("node02");
        assertThat(lab.exec("node02", "cat /etc/hosts")).contains("127.0.31.1 master01\n127.0.31.2 node01\n"
                + "127.0.31.3 node02\n");
        assertThat(lab.exec("node02", "sysctl -n net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables").lines())
                .containsExactly("1", "1");
        assertThat(lab.exec("node02", "swapon --show --noheadings; grep swap /etc/fstab")).startsWith("#");
        assertThat(lab.exec("node02", "grep -E 'SystemdCgroup|sandbox_image|config_path' /etc/containerd/config.toml"))
                .contains("SystemdCgroup = true", "sandbox_image = \"127.0.31.254:5000/google_containers/pause:3.9\"",
                        "config_path = \"/etc/containerd/certs.d\"");
        assertThat(lab.exec("node02", "systemctl is-active containerd; systemctl is-enabled kubelet").lines())
                .containsExactly("active", "enabled");
        assertThat(lab.exec("node02", "rpm -q kubeadm containerd")).contains("kubeadm-1.28.2-", "containerd-1.6.22-");
    }

    @Test
    void aHalfPreparedHostIsFinishedByRunningAllSteps() {
        List<NodeStep> steps = prepareNodeSteps();
        int done = 6;
        runAll(steps.subList(0, done), "node01");

        Map<String, Boolean> all = runAll(prepareNodeSteps(), "node01");

        assertThat(all.values().stream().limit(done)).as("the steps already done").containsOnly(false);
        assertThat(all.values().stream().skip(done)).as("the steps not done yet").containsOnly(true);
        assertThat(runAll(prepareNodeSteps(), "node01")).doesNotContainValue(true);
        assertThat(lab.exec("node01", "grep -c 'BEGIN kubeorch' /etc/hosts").strip()).isEqualTo("1");
    }

    @Test
    void registryMirrorsGoToHostsTomlAndAwayAgain() {
        for (NodeStep step : prepareNodeSteps().subList(0, 10)) {
            lab.run(step, "node02");
        }
        Inventory base = lab.inventory();
        Inventory mirrored = new Inventory(base.name(), base.kubernetes(), base.controlPlaneEndpoint(),
                new Inventory.Containerd(base.containerd().version(), base.containerd().sandboxImage(),
                        List.of("https://mirror-one.example", "https://mirror-two.example")),
                base.repositories(), base.network(), base.ssh(), base.nodes());

        assertThat(lab.run(new ConfigureContainerd(), "node02", mirrored).changed()).isTrue();
        assertThat(lab.exec("node02", "cat /etc/containerd/certs.d/docker.io/hosts.toml")).contains(
                "server = \"https://docker.io\"", "[host.\"https://mirror-one.example\"]",
                "[host.\"https://mirror-two.example\"]", "capabilities = [\"pull\", \"resolve\"]");
        assertThat(lab.run(new ConfigureContainerd(), "node02", mirrored).changed()).isFalse();

        assertThat(lab.run(new ConfigureContainerd(), "node02").changed()).as("mirrors removed").isTrue();
        assertThat(lab.exec("node02", "ls /etc/containerd/certs.d/docker.io/ 2>&1")).doesNotContain("hosts.toml");
        assertThat(lab.run(new ConfigureContainerd(), "node02").changed()).isFalse();
    }
}
