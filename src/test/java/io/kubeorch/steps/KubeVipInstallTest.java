package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three control planes and a worker in kube-vip mode, installed step by step: kube-vip's manifest on
 * the control planes before init, the name resolving to the VIP everywhere. When the VIP's holder
 * goes down, another control plane takes the Lease once it expired, and the API answers through the
 * VIP again within the lease time.
 */
class KubeVipInstallTest {

    private static final String VIP = "127.0.80.100";
    private static final List<String> NODES = List.of("master01", "master02", "master03", "node01");

    private static LabCluster lab;

    @BeforeAll
    static void startLab() {
        lab = LabCluster.up("127.0.80", "kube-vip-install", options -> options.nodes(4).controlPlanes(3),
                inventory -> inventory.replace("containerd:\n",
                        "controlPlaneEndpoint:\n  mode: kube-vip\n  vip: " + VIP + "\ncontainerd:\n"));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theVipMovesWhenItsHolderGoesDownAndTheApiAnswersThroughItWithinTheLeaseTime() throws Exception {
        ClusterInstallTest.prepareAllNodesInParallel(lab);
        for (String node : NODES) {
            lab.run(new WriteKubeVipManifest(), node);
            assertThat(lab.run(new ResolveControlPlaneEndpoint(), node).facts()).containsEntry("endpointAddress", VIP);
        }
        assertThat(lab.exec("master01", "cat /etc/kubernetes/manifests/kube-vip.yaml"))
                .contains("image: 127.0.80.254:5000/google_containers/kube-vip:v0.8.9", "value: \"" + VIP + "\"");
        lab.run(new PullImages(), "master01");
        assertThat(lab.run(new RenderKubeadmConfig(), "master01").facts().get("kubeadmConfig"))
                .contains("controlPlaneEndpoint: lab-api:6443", "  - " + VIP);
        lab.run(new RunPreflight(), "master01");
        lab.run(new InitControlPlane(), "master01");
        lab.run(new InstallAdminKubeconfig(), "master01");
        for (String node : NODES.subList(1, NODES.size())) {
            assertThat(lab.run(new JoinNode(), node).changed()).isTrue();
        }
        lab.run(new ApplyNetworkPlugin(), "master01");
        assertThat(ClusterInstallTest.pollUntilReady(lab, Duration.ofMinutes(3)).facts()).containsEntry("ready", "true");
        assertThat(lab.lab("cluster")).contains("etcd members 3 started 3 quorum 2 ok", "vip " + VIP + " holder master01 on master01");
        assertThat(lab.run(new WriteKubeVipManifest(), "master02").changed()).as("rerun").isFalse();

        String getNodes = "kubectl --kubeconfig /etc/kubernetes/kubelet.conf get nodes --no-headers 2>&1";
        lab.fault("master01", "down");
        long downAt = System.nanoTime();
        try {
            assertThat(lab.exec("node01", getNodes)).as("the VIP went with its holder").contains("no route to host");
            String nodes = lab.exec("node01", getNodes);
            while (!nodes.contains("master02") && System.nanoTime() - downAt < Duration.ofSeconds(30).toNanos()) {
                Thread.sleep(200);
                nodes = lab.exec("node01", getNodes);
            }
            Duration failover = Duration.ofNanos(System.nanoTime() - downAt);
            System.out.printf("kube-vip failover: the API answered through the VIP again after %d ms%n", failover.toMillis());
            assertThat(nodes).containsPattern("master01 +NotReady").containsPattern("master02 +Ready");
            assertThat(failover).as("lease 5 s + retry 1 s, with room for a loaded machine")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(4)).isLessThan(Duration.ofSeconds(12));
            assertThat(lab.lab("cluster")).containsPattern("vip " + VIP.replace(".", "\\.") + " holder master0[23] on master0[23]");
        } finally {
            lab.fault("master01", "up");
        }
        assertThat(ClusterInstallTest.pollUntilReady(lab, Duration.ofMinutes(1)).facts()).containsEntry("ready", "true");
    }
}
