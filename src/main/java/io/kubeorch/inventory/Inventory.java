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

    public record Kubernetes(
            String version,
            String podSubnet,
            String serviceSubnet,
            String imageRepository,
            String controlPlaneEndpoint) {
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
