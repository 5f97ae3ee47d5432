package io.kubeorch.inventory;

import io.kubeorch.inventory.RawInventory.RawContainerd;
import io.kubeorch.inventory.RawInventory.RawControlPlaneEndpoint;
import io.kubeorch.inventory.RawInventory.RawKubernetes;
import io.kubeorch.inventory.RawInventory.RawNetwork;
import io.kubeorch.inventory.RawInventory.RawNode;
import io.kubeorch.inventory.RawInventory.RawRepositories;
import io.kubeorch.inventory.RawInventory.RawSsh;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an inventory gets when it leaves a field out. The guide's values where they are right;
 * where the guide is wrong (Aliyun's frozen el7 repository, pause 3.6, Calico's default pool over
 * the node network), the corrected value. See docs/inventory.md.
 */
final class InventoryDefaults {

    static final String KUBERNETES_VERSION = "1.28.2";
    static final String POD_SUBNET = "10.244.0.0/16";
    static final String SERVICE_SUBNET = "10.96.0.0/12";
    static final String IMAGE_REPOSITORY = "registry.k8s.io";
    static final String CONTAINERD_VERSION = "1.6.22";
    static final String NETWORK_PLUGIN = "calico";
    static final String CALICO_VERSION = "v3.26.1";
    static final String SSH_USER = "root";
    static final int SSH_PORT = 22;
    static final int CONNECT_TIMEOUT_SECONDS = 15;
    /** The API server's port on every control plane (kubeadm's bindPort). */
    static final int API_SERVER_PORT = 6443;
    static final String ENDPOINT_NAME_SUFFIX = "-api";
    static final String ENDPOINT_MODE = "local-proxy";
    /** Pinned: kube-vip's manifest format and flags change between releases. */
    static final String KUBE_VIP_VERSION = "v0.8.9";
    /** Where kube-vip publishes its images when the inventory uses the default image repository. */
    static final String KUBE_VIP_UPSTREAM = "ghcr.io/kube-vip/kube-vip";

    /** The pause (sandbox) image kubeadm expects, per supported Kubernetes minor version. */
    private static final Map<String, String> PAUSE_VERSIONS = pauseVersions();

    private InventoryDefaults() {
    }

    private static Map<String, String> pauseVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("1.27", "3.9");
        versions.put("1.28", "3.9");
        versions.put("1.29", "3.9");
        versions.put("1.30", "3.9");
        return versions;
    }

    static Optional<String> pauseVersion(String kubernetesMinor) {
        return Optional.ofNullable(PAUSE_VERSIONS.get(kubernetesMinor));
    }

    static List<String> supportedMinors() {
        return List.copyOf(PAUSE_VERSIONS.keySet());
    }

    /** The community package repository, one per minor version. */
    static String kubernetesRepository(String kubernetesMinor) {
        return "https://pkgs.k8s.io/core:/stable:/v" + kubernetesMinor + "/rpm/";
    }

    static String calicoManifestUrl(String calicoVersion) {
        return "https://raw.githubusercontent.com/projectcalico/calico/" + calicoVersion + "/manifests/calico.yaml";
    }

    /**
     * kube-vip's image: from the inventory's image repository (an offline site mirrors it there with
     * the others), except with the default registry.k8s.io, which does not carry kube-vip.
     */
    static String kubeVipImage(String imageRepository, String version) {
        return IMAGE_REPOSITORY.equals(imageRepository)
                ? KUBE_VIP_UPSTREAM + ":" + version
                : imageRepository + "/kube-vip:" + version;
    }

    /** {@code <cluster name>-api}: see docs/inventory.md for why a single label. */
    static String endpointName(String clusterName) {
        return clusterName + ENDPOINT_NAME_SUFFIX;
    }

    /** The /24 (IPv4) or /64 (IPv6) around an address: the usual size of a node network. */
    static String networkAround(String address) {
        byte[] ip = IpAddresses.parse(address);
        if (ip == null) {
            return null;
        }
        return Cidr.parse(IpAddresses.format(ip) + "/" + (ip.length == 4 ? 24 : 64)).network().toString();
    }

    static String sandboxImage(String imageRepository, String pauseVersion) {
        return imageRepository + "/pause:" + pauseVersion;
    }

    /**
     * Fills every field left out that has a default. Values derived from other fields (sandbox
     * image, Kubernetes repository, Calico manifest URL) are derived only from well-formed ones, so
     * that one mistake is reported once, where it was made. Nodes have no defaults.
     */
    static RawInventory apply(RawInventory raw) {
        RawKubernetes kubernetes = raw.kubernetes() != null
                ? raw.kubernetes() : new RawKubernetes(null, null, null, null, null);
        RawControlPlaneEndpoint endpoint = endpoint(raw);
        String version = or(kubernetes.version(), KUBERNETES_VERSION);
        String imageRepository = or(kubernetes.imageRepository(), IMAGE_REPOSITORY);
        Optional<String> minor = InventoryValidator.isKubernetesVersion(version)
                ? Optional.of(minorOf(version)) : Optional.empty();
        RawKubernetes kubernetesWithDefaults = new RawKubernetes(
                version,
                or(kubernetes.podSubnet(), POD_SUBNET),
                or(kubernetes.serviceSubnet(), SERVICE_SUBNET),
                imageRepository,
                kubernetes.controlPlaneEndpoint());

        RawContainerd containerd = raw.containerd() != null
                ? raw.containerd() : new RawContainerd(null, null, null);
        String sandboxImage = containerd.sandboxImage();
        if (sandboxImage == null && InventoryValidator.isImageRepository(imageRepository)) {
            sandboxImage = minor.flatMap(InventoryDefaults::pauseVersion)
                    .map(pause -> sandboxImage(imageRepository, pause))
                    .orElse(null);
        }
        RawContainerd containerdWithDefaults = new RawContainerd(
                or(containerd.version(), CONTAINERD_VERSION),
                sandboxImage,
                containerd.registryMirrors() != null ? containerd.registryMirrors() : List.of());

        RawRepositories repositories = raw.repositories() != null
                ? raw.repositories() : new RawRepositories(null, null);
        RawRepositories repositoriesWithDefaults = new RawRepositories(
                repositories.containerd(),
                repositories.kubernetes() != null
                        ? repositories.kubernetes()
                        : minor.map(InventoryDefaults::kubernetesRepository).orElse(null));

        RawNetwork network = raw.network() != null ? raw.network() : new RawNetwork(null, null, null);
        String plugin = or(network.plugin(), NETWORK_PLUGIN);
        String networkVersion = or(network.version(), CALICO_VERSION);
        String manifestUrl = network.manifestUrl();
        if (manifestUrl == null && NETWORK_PLUGIN.equals(plugin)
                && InventoryValidator.isNetworkVersion(networkVersion)) {
            manifestUrl = calicoManifestUrl(networkVersion);
        }
        RawNetwork networkWithDefaults = new RawNetwork(plugin, networkVersion, manifestUrl);

        RawSsh ssh = raw.ssh() != null
                ? raw.ssh() : new RawSsh(null, null, null, null, null, null, null, null, null, null);
        String user = or(ssh.user(), SSH_USER);
        RawSsh sshWithDefaults = new RawSsh(
                user,
                ssh.port() != null ? ssh.port() : SSH_PORT,
                ssh.privateKeyFile(),
                ssh.passwordEnv(),
                ssh.knownHostsFile(),
                ssh.acceptNewHostKeys() != null ? ssh.acceptNewHostKeys() : Boolean.FALSE,
                ssh.sudo() != null ? ssh.sudo() : !SSH_USER.equals(user),
                ssh.sudoPasswordEnv(),
                ssh.jumpHost(),
                ssh.connectTimeoutSeconds() != null ? ssh.connectTimeoutSeconds() : CONNECT_TIMEOUT_SECONDS);

        return new RawInventory(raw.name(), kubernetesWithDefaults, endpoint, containerdWithDefaults,
                repositoriesWithDefaults, networkWithDefaults, sshWithDefaults, raw.nodes());
    }

    /**
     * The endpoint section with its defaults; created when left out and there is more than one
     * control plane (one control plane without the section keeps no endpoint: its own address).
     */
    private static RawControlPlaneEndpoint endpoint(RawInventory raw) {
        RawControlPlaneEndpoint given = raw.controlPlaneEndpoint();
        List<RawNode> controlPlanes = raw.nodes() == null ? List.of() : raw.nodes().stream()
                .filter(node -> node != null && node.roles() != null
                        && node.roles().contains(Inventory.Role.CONTROL_PLANE.label()))
                .toList();
        if (given == null) {
            if (controlPlanes.size() < 2) {
                return null;
            }
            given = new RawControlPlaneEndpoint(null, null, null, null, null, null, null, null);
        }
        String name = given.name();
        if (name == null && raw.name() != null && InventoryValidator.isDnsLabel(raw.name())
                && endpointName(raw.name()).length() <= 63) {
            name = endpointName(raw.name());
        }
        String mode = or(given.mode(), ENDPOINT_MODE);
        boolean kubeVip = "kube-vip".equals(mode);
        String vipNetwork = given.vipNetwork();
        if (vipNetwork == null && kubeVip && !controlPlanes.isEmpty() && controlPlanes.get(0).address() != null) {
            vipNetwork = networkAround(controlPlanes.get(0).address());
        }
        return new RawControlPlaneEndpoint(name, given.port() != null ? given.port() : API_SERVER_PORT, mode,
                given.vip(), vipNetwork, given.vipInterface(),
                kubeVip ? or(given.kubeVipVersion(), KUBE_VIP_VERSION) : given.kubeVipVersion(),
                given.loadBalancer());
    }

    static String minorOf(String kubernetesVersion) {
        String[] parts = kubernetesVersion.split("\\.");
        return parts[0] + "." + parts[1];
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
