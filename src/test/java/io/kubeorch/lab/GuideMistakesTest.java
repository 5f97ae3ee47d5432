package io.kubeorch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeorch.lab.GuideSteps.NodeStep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One step of the guide left out or done in the wrong order, and the failure the real tools show.
 * The cases share one two-host lab: both hosts are prepared once (steps 1-17); each case then
 * takes back the one step it is about (the host is then in the state it would be in had the step
 * been skipped), runs the next step, checks the failure and restores the step; `kubeadm reset -f`
 * undoes whatever init or join left behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuideMistakesTest {

    private static final String MASTER = "master01";
    private static final String WORKER = "node01";

    private static GuideLab lab;
    private static GuideSteps steps;

    @BeforeAll
    static void prepareHosts() throws Exception {
        lab = GuideLab.start("127.0.22", 1);
        steps = new GuideSteps(lab);
        lab.scriptOnAll(lab.nodes(), steps::prepareNode);
        lab.script(MASTER, steps.writeKubeadmConfig(GuideSteps.POD_SUBNET));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void resetNodes() {
        for (String node : lab.nodes()) {
            lab.script(node, GuideSteps.RESET);
        }
    }

    @Test
    @Order(1)
    void joinBeforeInitFailsDiscovery() {
        GuideLab.Result join = lab.run(WORKER, "kubeadm join " + lab.address(MASTER) + ":6443 --token abcdef.0123456789abcdef"
                + " --discovery-token-ca-cert-hash sha256:" + "0".repeat(64));

        assertThat(join.exit()).isEqualTo(1);
        assertThat(join.stderr()).contains("error execution phase preflight: couldn't validate the identity of the API Server: Get \"https://"
                + lab.address(MASTER) + ":6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s\": dial tcp "
                + lab.address(MASTER) + ":6443: connect: connection refused");
    }

    @Test
    @Order(2)
    void swapLeftOnMakesTheKubeletUnhealthyAndInitFailsWaitingForTheControlPlane() {
        lab.script(MASTER, "sed -ri 's/^#(.*[[:space:]]swap[[:space:]].*)$/\\1/' /etc/fstab && swapon -a");
        try {
            GuideLab.Result init = lab.run(MASTER, GuideSteps.INIT);

            assertThat(init.exit()).isEqualTo(1);
            assertThat(init.stderr()).contains("\t[WARNING Swap]: swap is enabled; production deployments should disable swap");
            assertThat(init.stdout()).contains("[kubelet-check] It seems like the kubelet isn't running or healthy.");
            assertThat(init.stderr()).contains("error execution phase wait-control-plane: couldn't initialize a Kubernetes cluster");
            assertThat(lab.run(MASTER, "systemctl is-active kubelet").stdout()).isEqualTo("activating\n");
            // Init left its files behind: a second try fails preflight until kubeadm reset.
            assertThat(lab.run(MASTER, GuideSteps.INIT).stderr())
                    .contains("[ERROR FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml]: /etc/kubernetes/manifests/kube-apiserver.yaml already exists");
        } finally {
            lab.script(MASTER, steps.nodeStep(MASTER, NodeStep.SWAP_OFF));
        }
    }

    @Test
    @Order(3)
    void missingBrNetfilterAndSysctlFailPreflight() {
        lab.script(MASTER, "rm -f /etc/sysctl.d/k8s.conf /etc/modules-load.d/k8s.conf\nmodprobe -r br_netfilter\n"
                + "sysctl -w net.ipv4.ip_forward=0");
        try {
            GuideLab.Result sysctl = lab.run(MASTER, "sysctl net.bridge.bridge-nf-call-iptables");
            assertThat(sysctl.stderr()).isEqualTo("sysctl: cannot stat /proc/sys/net/bridge/bridge-nf-call-iptables: No such file or directory\n");

            GuideLab.Result init = lab.run(MASTER, GuideSteps.INIT);

            assertThat(init.exit()).isEqualTo(1);
            assertThat(init.stderr()).contains(
                    "error execution phase preflight: [preflight] Some fatal errors occurred:",
                    "\t[ERROR FileContent--proc-sys-net-bridge-bridge-nf-call-iptables]: /proc/sys/net/bridge/bridge-nf-call-iptables does not exist",
                    "\t[ERROR FileContent--proc-sys-net-ipv4-ip_forward]: /proc/sys/net/ipv4/ip_forward contents are not set to 1",
                    "you can make a check non-fatal with `--ignore-preflight-errors=...`");
        } finally {
            lab.script(MASTER, steps.nodeStep(MASTER, NodeStep.KERNEL_NETWORKING));
        }
    }

    @Test
    @Order(4)
    void containerdNotStartedFailsTheCriCheck() {
        lab.script(MASTER, "systemctl disable --now containerd");
        try {
            assertThat(lab.run(MASTER, "crictl images").exit()).isEqualTo(1);
            GuideLab.Result init = lab.run(MASTER, GuideSteps.INIT);

            assertThat(init.exit()).isEqualTo(1);
            assertThat(init.stderr()).contains("\t[ERROR CRI]: container runtime is not running: output: ",
                    "validate CRI v1 runtime API for endpoint \\\"unix:///var/run/containerd/containerd.sock\\\"");
        } finally {
            lab.script(MASTER, steps.nodeStep(MASTER, NodeStep.START_CONTAINERD));
        }
    }

    @Test
    @Order(5)
    void systemdCgroupLeftFalseMakesTheKubeletUnhealthy() {
        lab.script(MASTER, "sed -i 's/SystemdCgroup = true/SystemdCgroup = false/' /etc/containerd/config.toml\n"
                + "systemctl restart containerd");
        try {
            GuideLab.Result init = lab.run(MASTER, GuideSteps.INIT);

            assertThat(init.exit()).isEqualTo(1);
            assertThat(init.stderr()).doesNotContain("[ERROR").doesNotContain("[WARNING Swap]");
            assertThat(init.stdout()).contains("[kubelet-check] It seems like the kubelet isn't running or healthy.");
            assertThat(init.stderr()).contains("error execution phase wait-control-plane: couldn't initialize a Kubernetes cluster");
        } finally {
            lab.script(MASTER, steps.nodeStep(MASTER, NodeStep.SYSTEMD_CGROUP) + "\nsystemctl restart containerd");
        }
    }

    @Test
    @Order(6)
    void kubeletNotEnabledIsOnlyAWarning() {
        lab.script(MASTER, "systemctl disable kubelet");
        try {
            GuideLab.Result init = lab.run(MASTER, GuideSteps.INIT);

            assertThat(init.exit()).isZero();
            assertThat(init.stderr()).contains(
                    "\t[WARNING Service-Kubelet]: kubelet service is not enabled, please run 'systemctl enable kubelet.service'");
            assertThat(init.stdout()).contains("Your Kubernetes control-plane has initialized successfully!");
        } finally {
            lab.script(MASTER, steps.nodeStep(MASTER, NodeStep.ENABLE_KUBELET));
        }
    }

    @Test
    @Order(7)
    void withoutANetworkPluginNodesStayNotReadyAndCoreDnsPending() {
        buildClusterWithoutNetwork();

        assertThat(lab.run(MASTER, "kubectl get nodes --no-headers").stdout().lines())
                .hasSize(2).allMatch(l -> l.split("\\s+")[1].equals("NotReady"));
        assertThat(lab.run(MASTER, "kubectl get node " + WORKER
                + " -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].message}'").stdout())
                .isEqualTo("container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady "
                        + "message:Network plugin returns error: cni plugin not initialized");
        assertThat(lab.run(MASTER, "kubectl get pods -n kube-system --no-headers").stdout().lines()
                .filter(l -> l.startsWith("coredns-")))
                .hasSize(2).allMatch(l -> l.split("\\s+")[2].equals("Pending"));
    }

    @Test
    @Order(8)
    void calicoDefaultPoolAgainstAnotherPodSubnetLeavesNodesNotReady() throws Exception {
        buildClusterWithoutNetwork();
        lab.script(MASTER, steps.applyCalico(null));
        Thread.sleep(1000);

        assertThat(lab.run(MASTER, "kubectl get nodes --no-headers").stdout().lines())
                .hasSize(2).allMatch(l -> l.split("\\s+")[1].equals("NotReady"));
        assertThat(lab.run(MASTER, "kubectl get pods -n kube-system --no-headers").stdout().lines()
                .filter(l -> l.startsWith("calico-node-")))
                .hasSize(2).allMatch(l -> l.split("\\s+")[1].equals("0/1"));
    }

    @Test
    @Order(9)
    void kubectlWithoutAKubeconfigAsksLocalhost() {
        GuideLab.Result get = lab.run(WORKER, "rm -f $HOME/.kube/config; kubectl get nodes");

        assertThat(get.exit()).isEqualTo(1);
        assertThat(get.stderr()).endsWith(
                "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n");
    }

    private static void buildClusterWithoutNetwork() {
        GuideLab.Result init = lab.script(MASTER, GuideSteps.INIT);
        lab.script(MASTER, GuideSteps.ADMIN_KUBECONFIG);
        lab.script(WORKER, GuideWalkTest.joinCommand(init.stdout()));
    }
}
