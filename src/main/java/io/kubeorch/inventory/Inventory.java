package io.kubeorch.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A cluster to install, as the operator describes it. Holds no secrets: SSH credentials are
 * referenced (a key file path, an environment variable name) and resolved on the server.
 * Instances come from {@link InventoryParser}, which applies defaults and validates.
 */
public record Inventory(
        String name,
        Kubernetes kubernetes,
        ControlPlaneEndpoint controlPlaneEndpoint,
        Containerd containerd,
        Repositories repositories,
        Network network,
        SshSettings ssh,
        List<Node> nodes) {

    public Inventory {
        nodes = List.copyOf(nodes);
    }

    public List<Node> controlPlanes() {
        return nodes.stream().filter(Node::isControlPlane).toList();
    }

    /** The control plane that runs {@code kubeadm init}; the others join it. */
    public Node firstControlPlane() {
        return controlPlanes().get(0);
    }

    public List<Node> workers() {
        return nodes.stream().filter(node -> !node.isControlPlane()).toList();
    }

    public List<Node> joiningControlPlanes() {
        List<Node> controlPlanes = controlPlanes();
        return controlPlanes.subList(1, controlPlanes.size());
    }

    public Optional<Node> node(String nodeName) {
        return nodes.stream().filter(node -> node.name().equals(nodeName)).findFirst();
    }

    public Node requireNode(String nodeName) {
        return node(nodeName).orElseThrow(() -> new IllegalArgumentException(
                "node '" + nodeName + "' is not in inventory '" + name + "'"));
    }

    /** The control-plane endpoint, if the cluster has one (always with more than one control plane). */
    public Optional<ControlPlaneEndpoint> endpoint() {
        return Optional.ofNullable(controlPlaneEndpoint);
    }

    /** Whether the cluster has an endpoint in {@code mode}. */
    public boolean endpointMode(EndpointMode mode) {
        return controlPlaneEndpoint != null && controlPlaneEndpoint.mode() == mode;
    }

    public record Kubernetes(
            String version,
            String podSubnet,
            String serviceSubnet,
            String imageRepository) {
    }

    /**
     * The name every node and client reaches the API servers at, and how that name gets there.
     *
     * @param name a DNS name, written into the API server certificate and resolved on every node by kubeorch
     * @param vip kube-vip mode: the virtual IP; {@code vipNetwork} the control planes' layer-2 network,
     *            {@code vipInterface} the interface to announce it on (null: kube-vip takes the default
     *            route's), {@code kubeVipImage} the pinned image
     * @param loadBalancer external mode: the existing load balancer's address
     */
    public record ControlPlaneEndpoint(
            String name,
            int port,
            EndpointMode mode,
            String vip,
            String vipNetwork,
            String vipInterface,
            String kubeVipImage,
            String loadBalancer) {

        public String hostPort() {
            return name + ":" + port;
        }
    }

    public enum EndpointMode {
        /** An L4 proxy on every node that is not a control plane, in front of every API server. */
        LOCAL_PROXY("local-proxy"),
        /** A virtual IP held by one control plane, moved by kube-vip's leader election (ARP). */
        KUBE_VIP("kube-vip"),
        /** An existing load balancer. */
        EXTERNAL("external");

        private final String label;

        EndpointMode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Optional<EndpointMode> of(String label) {
            for (EndpointMode mode : values()) {
                if (mode.label.equals(label)) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }
    }

    public record Containerd(String version, String sandboxImage, List<String> registryMirrors) {

        public Containerd {
            registryMirrors = registryMirrors == null ? List.of() : List.copyOf(registryMirrors);
        }
    }

    /** Package repository base URLs; {@code containerd} null means the hosts' own OS repositories. */
    public record Repositories(String containerd, String kubernetes) {
    }

    public record Network(String plugin, String version, String manifestUrl) {
    }

    /**
     * How kubeorch logs in. {@code privateKeyFile} and {@code passwordEnv} name where the secret is
     * on the kubeorch server; the inventory never carries the secret itself.
     */
    public record SshSettings(
            String user,
            int port,
            String privateKeyFile,
            String passwordEnv,
            String knownHostsFile,
            boolean acceptNewHostKeys,
            boolean sudo,
            String sudoPasswordEnv,
            String jumpHost,
            int connectTimeoutSeconds) {
    }

    public record Node(String name, String address, List<Role> roles) {

        public Node {
            roles = List.copyOf(roles);
        }

        public boolean isControlPlane() {
            return roles.contains(Role.CONTROL_PLANE);
        }
    }

    public enum Role {
        CONTROL_PLANE("control-plane"), WORKER("worker");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
