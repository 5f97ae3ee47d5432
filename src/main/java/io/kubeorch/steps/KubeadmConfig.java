package io.kubeorch.steps;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;

/**
 * Renders /etc/kubernetes/kubeadm-config.yaml for {@code kubeadm init} on the first control plane:
 * InitConfiguration, ClusterConfiguration and KubeletConfiguration (systemd cgroup driver, like
 * containerd's {@code SystemdCgroup = true}). The inventory's values are validated (addresses,
 * versions, CIDRs, image references), so they are written as plain YAML scalars. No bootstrap
 * token is written: kubeadm creates a random one.
 */
final class KubeadmConfig {

    static final String CRI_SOCKET = "unix:///var/run/containerd/containerd.sock";
    static final int BIND_PORT = 6443;

    private KubeadmConfig() {
    }

    static String render(Inventory inventory, Node node) {
        Inventory.Kubernetes kubernetes = inventory.kubernetes();
        String version = kubernetes.version().startsWith("v") ? kubernetes.version() : "v" + kubernetes.version();
        StringBuilder yaml = new StringBuilder()
                .append("apiVersion: kubeadm.k8s.io/v1beta3\n")
                .append("kind: InitConfiguration\n")
                .append("localAPIEndpoint:\n")
                .append("  advertiseAddress: ").append(node.address()).append('\n')
                .append("  bindPort: ").append(BIND_PORT).append('\n')
                .append("nodeRegistration:\n")
                .append("  name: ").append(node.name()).append('\n')
                .append("  criSocket: ").append(CRI_SOCKET).append('\n')
                .append("  imagePullPolicy: IfNotPresent\n")
                .append("---\n")
                .append("apiVersion: kubeadm.k8s.io/v1beta3\n")
                .append("kind: ClusterConfiguration\n")
                .append("kubernetesVersion: ").append(version).append('\n')
                .append("imageRepository: ").append(kubernetes.imageRepository()).append('\n');
        inventory.endpoint().ifPresent(endpoint -> {
            yaml.append("controlPlaneEndpoint: ").append(endpoint.hostPort()).append('\n');
            // kubeadm puts the endpoint's name into the certificate by itself; clients that use the
            // virtual IP or the balancer's address directly need those too
            yaml.append("apiServer:\n  certSANs:\n  - ").append(endpoint.name()).append('\n');
            if (endpoint.vip() != null) {
                yaml.append("  - ").append(endpoint.vip()).append('\n');
            }
            if (endpoint.loadBalancer() != null) {
                yaml.append("  - ").append(endpoint.loadBalancer()).append('\n');
            }
        });
        return yaml
                .append("networking:\n")
                .append("  dnsDomain: cluster.local\n")
                .append("  podSubnet: ").append(kubernetes.podSubnet()).append('\n')
                .append("  serviceSubnet: ").append(kubernetes.serviceSubnet()).append('\n')
                .append("---\n")
                .append("apiVersion: kubelet.config.k8s.io/v1beta1\n")
                .append("kind: KubeletConfiguration\n")
                .append("cgroupDriver: systemd\n")
                .toString();
    }
}
