package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeorch.inventory.Inventory;
import org.junit.jupiter.api.Test;

class KubeadmConfigTest {

    @Test
    void rendersInitClusterAndKubeletConfigurationFromTheInventory() {
        Inventory inventory = Inventories.guideCluster();

        String yaml = KubeadmConfig.render(inventory, inventory.firstControlPlane());

        assertThat(yaml).isEqualTo("""
                apiVersion: kubeadm.k8s.io/v1beta3
                kind: InitConfiguration
                localAPIEndpoint:
                  advertiseAddress: 192.168.1.1
                  bindPort: 6443
                nodeRegistration:
                  name: master01
                  criSocket: unix:///var/run/containerd/containerd.sock
                  imagePullPolicy: IfNotPresent
                ---
                apiVersion: kubeadm.k8s.io/v1beta3
                kind: ClusterConfiguration
                kubernetesVersion: v1.28.2
                imageRepository: registry.cn-hangzhou.aliyuncs.com/google_containers
                networking:
                  dnsDomain: cluster.local
                  podSubnet: 10.244.0.0/16
                  serviceSubnet: 10.96.0.0/12
                ---
                apiVersion: kubelet.config.k8s.io/v1beta1
                kind: KubeletConfiguration
                cgroupDriver: systemd
                """);
    }

    @Test
    void setsTheControlPlaneEndpointOnlyWhenTheInventoryHasOne() {
        Inventory ha = Inventories.guideCluster(Inventories.localProxy("guide-api"),
                Inventories.master("master01", "10.0.0.1"), Inventories.master("master02", "10.0.0.2"),
                Inventories.master("master03", "10.0.0.3"));

        assertThat(KubeadmConfig.render(ha, ha.firstControlPlane()))
                .contains("\ncontrolPlaneEndpoint: guide-api:6443\napiServer:\n  certSANs:\n  - guide-api\n");
        Inventory single = Inventories.guideCluster();
        assertThat(KubeadmConfig.render(single, single.firstControlPlane())).doesNotContain("controlPlaneEndpoint");
    }

    @Test
    void putsTheVirtualIpOrTheBalancersAddressIntoTheCertificate() {
        Inventory vip = Inventories.guideCluster(Inventories.kubeVip("guide-api", "10.0.0.100"),
                Inventories.master("master01", "10.0.0.1"));
        Inventory external = Inventories.guideCluster(Inventories.external("api.example.com", "10.0.0.200", 8443),
                Inventories.master("master01", "10.0.0.1"));

        assertThat(KubeadmConfig.render(vip, vip.firstControlPlane()))
                .contains("controlPlaneEndpoint: guide-api:6443\n", "  - guide-api\n  - 10.0.0.100\n");
        assertThat(KubeadmConfig.render(external, external.firstControlPlane()))
                .contains("controlPlaneEndpoint: api.example.com:8443\n", "  - api.example.com\n  - 10.0.0.200\n");
    }

    @Test
    void carriesNoBootstrapToken() {
        Inventory inventory = Inventories.guideCluster();

        assertThat(KubeadmConfig.render(inventory, inventory.firstControlPlane())).doesNotContain("token");
    }
}
