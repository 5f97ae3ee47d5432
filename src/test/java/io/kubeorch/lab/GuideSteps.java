package io.kubeorch.lab;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The guide's steps (../shared/seed/steps.md) as the shell a person types on each host,
 * corrected where the guide is wrong: inventory names in /etc/hosts written idempotently,
 * br_netfilter persisted, the lab's mirror for packages and images, the pinned 1.28.2 versions,
 * advertiseAddress and node name from the inventory, a pod subnet, and a Calico pool that matches it.
 */
final class GuideSteps {

    static final String VERSION = "1.28.2";
    static final String POD_SUBNET = "10.244.0.0/16";

    /** Steps 1 to 17, run on every node. */
    enum NodeStep {
        STOP_FIREWALLD, SELINUX, HOSTNAME, HOSTS, KERNEL_NETWORKING, SWAP_OFF, INSTALL_CONTAINERD,
        CONTAINERD_DEFAULT_CONFIG, SYSTEMD_CGROUP, SANDBOX_IMAGE, START_CONTAINERD, KUBERNETES_REPO,
        INSTALL_KUBERNETES, KUBELET_EXTRA_ARGS, ENABLE_KUBELET
    }

    private final GuideLab lab;

    GuideSteps(GuideLab lab) {
        this.lab = lab;
    }

    /** Steps 1-17 for NODE, leaving out SKIP. */
    String prepareNode(String node, Set<NodeStep> skip) {
        StringBuilder s = new StringBuilder("set -euo pipefail\n");
        for (NodeStep step : NodeStep.values()) {
            if (!skip.contains(step)) {
                s.append("# ").append(step).append('\n').append(nodeStep(node, step)).append('\n');
            }
        }
        return s.toString();
    }

    String prepareNode(String node) {
        return prepareNode(node, EnumSet.noneOf(NodeStep.class));
    }

    String nodeStep(String node, NodeStep step) {
        return switch (step) {
            case STOP_FIREWALLD -> "systemctl stop firewalld && systemctl disable firewalld";
            case SELINUX -> "setenforce 0\nsed -i 's/^SELINUX=enforcing/SELINUX=disabled/' /etc/selinux/config";
            case HOSTNAME -> "hostnamectl set-hostname " + node;
            case HOSTS -> hostsStep();
            case KERNEL_NETWORKING -> """
                cat > /etc/sysctl.d/k8s.conf <<'EOF'
                net.bridge.bridge-nf-call-ip6tables = 1
                net.bridge.bridge-nf-call-iptables = 1
                net.ipv4.ip_forward = 1
                EOF
                echo br_netfilter > /etc/modules-load.d/k8s.conf
                modprobe br_netfilter
                sysctl -p /etc/sysctl.d/k8s.conf""";
            case SWAP_OFF -> "swapoff -a\nsed -ri 's/^([^#].*[[:space:]]swap[[:space:]].*)$/#\\1/' /etc/fstab";
            case INSTALL_CONTAINERD -> "dnf install -y containerd-1.6.22";
            case CONTAINERD_DEFAULT_CONFIG -> "mkdir -p /etc/containerd\ncontainerd config default > /etc/containerd/config.toml";
            case SYSTEMD_CGROUP -> "sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml";
            case SANDBOX_IMAGE -> "sed -i 's#sandbox_image = \"registry.k8s.io/pause:3.6\"#sandbox_image = \""
                    + lab.registry() + "/pause:3.9\"#' /etc/containerd/config.toml";
            case START_CONTAINERD -> "systemctl enable containerd --now";
            case KUBERNETES_REPO -> kubernetesRepo();
            case INSTALL_KUBERNETES -> "dnf install -y kubelet-" + VERSION + " kubeadm-" + VERSION + " kubectl-" + VERSION
                    + " --disableexcludes=kubernetes";
            case KUBELET_EXTRA_ARGS -> "echo 'KUBELET_EXTRA_ARGS=\"--cgroup-driver=systemd\"' > /etc/sysconfig/kubelet";
            case ENABLE_KUBELET -> "systemctl enable kubelet";
        };
    }

    private String hostsStep() {
        String lines = lab.nodes().stream()
                .map(n -> lab.address(n) + " " + n)
                .collect(Collectors.joining("\n"));
        return "sed -i '/# kubeorch-guide$/d' /etc/hosts\n"
                + "cat >> /etc/hosts <<'EOF'\n"
                + lines.replace("\n", " # kubeorch-guide\n") + " # kubeorch-guide\nEOF";
    }

    private String kubernetesRepo() {
        String base = lab.mirror() + "/kubernetes/core/stable/v1.28/rpm/";
        return "cat > /etc/yum.repos.d/kubernetes.repo <<'EOF'\n"
                + "[kubernetes]\nname=Kubernetes\nbaseurl=" + base + "\nenabled=1\ngpgcheck=1\n"
                + "gpgkey=" + base + "repodata/repomd.xml.key\n"
                + "exclude=kubelet kubeadm kubectl cri-tools kubernetes-cni\nEOF";
    }

    /** Step 18: list and pull the images of the pinned version from the lab's registry. */
    String pullImages() {
        return "kubeadm config images list --kubernetes-version v" + VERSION + " --image-repository " + lab.registry()
                + "\nkubeadm config images pull --kubernetes-version v" + VERSION + " --image-repository " + lab.registry();
    }

    /** Step 19: kubeadm-config.yaml from init-defaults, with the inventory's facts. */
    String writeKubeadmConfig(String podSubnet) {
        String master = lab.nodes().get(0);
        return "kubeadm config print init-defaults > /root/kubeadm-config.yaml\n"
                + "sed -i -e 's/advertiseAddress: 1.2.3.4/advertiseAddress: " + lab.address(master) + "/' \\\n"
                + "  -e 's/^  name: node$/  name: " + master + "/' \\\n"
                + "  -e 's#^imageRepository: registry.k8s.io#imageRepository: " + lab.registry() + "#' \\\n"
                + "  -e 's/^kubernetesVersion: 1.28.0/kubernetesVersion: " + VERSION + "/' \\\n"
                + "  -e 's#^  serviceSubnet: 10.96.0.0/12#  serviceSubnet: 10.96.0.0/12\\n  podSubnet: " + podSubnet + "#' \\\n"
                + "  /root/kubeadm-config.yaml\n"
                + "cat >> /root/kubeadm-config.yaml <<'EOF'\n---\napiVersion: kubelet.config.k8s.io/v1beta1\n"
                + "kind: KubeletConfiguration\ncgroupDriver: systemd\nEOF";
    }

    /** Step 21. */
    static final String INIT = "kubeadm init --config /root/kubeadm-config.yaml";

    /** Step 22. */
    static final String ADMIN_KUBECONFIG = "mkdir -p $HOME/.kube\ncp -f /etc/kubernetes/admin.conf $HOME/.kube/config\n"
            + "chown $(id -u):$(id -g) $HOME/.kube/config";

    /** Step 24: download Calico; CIDR null keeps the manifest's commented-out default pool. */
    String applyCalico(String cidr) {
        String fetch = "curl -fsSL -o /root/calico.yaml " + lab.mirror() + "/calico/v3.26.1/calico.yaml\n";
        String edit = cidr == null ? "" : "sed -i -e 's|# - name: CALICO_IPV4POOL_CIDR|- name: CALICO_IPV4POOL_CIDR|' \\\n"
                + "  -e 's|#   value: \"192.168.0.0/16\"|  value: \"" + cidr + "\"|' /root/calico.yaml\n";
        return fetch + edit + "kubectl apply -f /root/calico.yaml";
    }

    /** Undoes a node's cluster membership, as the guide's recovery does. */
    static final String RESET = "kubeadm reset -f";
}
