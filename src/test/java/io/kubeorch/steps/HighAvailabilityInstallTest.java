package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several control planes: init uploads the certificates, a further control plane joins with a
 * certificate key and its own advertise address, a worker joins, and the cluster ends Ready.
 * The lab has no load balancer, so the control-plane endpoint is the first control plane's address.
 */
class HighAvailabilityInstallTest {

    private static LabCluster lab;

    @BeforeAll
    static void startLab() {
        lab = LabCluster.up("127.0.34", "ha-install", options -> options.nodes(3).controlPlanes(2),
                inventory -> inventory.replace("  serviceSubnet: 10.96.0.0/12\n",
                        "  serviceSubnet: 10.96.0.0/12\n  controlPlaneEndpoint: 127.0.34.1:6443\n"));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aSecondControlPlaneJoinsWithACertificateKeyAndTheClusterEndsReady() throws Exception {
        assertThat(lab.inventory().kubernetes().controlPlaneEndpoint()).isEqualTo("127.0.34.1:6443");
        ClusterInstallTest.prepareAllNodesInParallel(lab);
        lab.run(new PullImages(), "master01");
        assertThat(lab.run(new RenderKubeadmConfig(), "master01").facts().get("kubeadmConfig"))
                .contains("controlPlaneEndpoint: 127.0.34.1:6443");
        assertThat(lab.run(new RunPreflight(), "master01").facts()).containsEntry("preflightErrors", "");
        assertThat(lab.run(new InitControlPlane(), "master01").changed()).isTrue();
        lab.run(new InstallAdminKubeconfig(), "master01");

        assertThat(lab.run(new JoinNode(), "master02").changed()).isTrue();
        assertThat(lab.run(new JoinNode(), "node01").changed()).isTrue();
        assertThat(lab.run(new JoinNode(), "master02").changed()).as("joined already").isFalse();
        lab.run(new ApplyNetworkPlugin(), "master01");

        StepResult ready = ClusterInstallTest.pollUntilReady(lab, Duration.ofMinutes(3));
        assertThat(ready.facts()).containsEntry("ready", "true")
                .containsEntry("nodes", "master01=Ready\nmaster02=Ready\nnode01=Ready");
        assertThat(lab.exec("master01", "kubectl get nodes --no-headers")).containsPattern("master02 +Ready +control-plane");
    }
}
