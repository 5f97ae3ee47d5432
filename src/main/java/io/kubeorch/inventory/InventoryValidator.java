package io.kubeorch.inventory;

import static io.kubeorch.inventory.Text.show;

import io.kubeorch.inventory.RawInventory.RawContainerd;
import io.kubeorch.inventory.RawInventory.RawControlPlaneEndpoint;
import io.kubeorch.inventory.RawInventory.RawKubernetes;
import io.kubeorch.inventory.RawInventory.RawNetwork;
import io.kubeorch.inventory.RawInventory.RawNode;
import io.kubeorch.inventory.RawInventory.RawRepositories;
import io.kubeorch.inventory.RawInventory.RawSsh;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules an inventory must satisfy, as pure logic over a {@link RawInventory} whose defaults are
 * applied ({@link InventoryDefaults#apply}). Collects every problem, each with its field path and
 * what to do.
 *
 * <p>This is also the first wall of a security boundary: names, addresses, versions, CIDRs, image
 * references and URLs end up in commands on the hosts. They are quoted there too, but here every
 * such value is held to a pattern that admits no shell metacharacters, whitespace or control
 * characters at all.
 */
final class InventoryValidator {

    static final int MAX_NODES = 500;
    static final int MAX_CONNECT_TIMEOUT_SECONDS = 300;

    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
    private static final Pattern NODE_NAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    private static final int MAX_NODE_NAME_LENGTH = 63;
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern NUMERIC_LABELS = Pattern.compile("[0-9.]+");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern KUBERNETES_VERSION = Pattern.compile(
            "(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})");
    private static final Pattern CONTAINERD_VERSION = Pattern.compile(
            "(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})(-[A-Za-z0-9][A-Za-z0-9._]{0,63})?");
    private static final Pattern NETWORK_VERSION = Pattern.compile(
            "v(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})");
    private static final Pattern LINUX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern SERVER_PATH = Pattern.compile("[A-Za-z0-9._/@+-]{1,4096}");
    private static final Pattern IMAGE_PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern IMAGE_DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern IMAGE_CHARACTERS = Pattern.compile("[A-Za-z0-9._:/@\\[\\]-]");
    private static final Pattern URL_CHARACTERS = Pattern.compile("[A-Za-z0-9._:/%+=,\\[\\]-]");
    private static final Pattern URL = Pattern.compile(
            "(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<host>\\[[^\\]/]*\\]|[^:/\\[\\]]*)(?::(?<port>[^/]*))?(?<path>/.*)?");
    private static final Pattern URL_PATH = Pattern.compile("(?:/(?:[A-Za-z0-9._:+=,-]|%[0-9A-Fa-f]{2})*)*");
    private static final Pattern REPOSITORY_MINOR = Pattern.compile("/v([0-9]+\\.[0-9]+)/");

    private static final String LABEL_RULE =
            "use lowercase letters, digits and '-', starting and ending with a letter or digit";

    private final List<InventoryError> errors = new ArrayList<>();
    private final boolean newCluster;

    private InventoryValidator(boolean newCluster) {
        this.newCluster = newCluster;
    }

    /**
     * Every problem in {@code inventory}, which must have its defaults applied; empty if none.
     *
     * @param newCluster whether the inventory describes a cluster to install; a cluster that exists
     *                   may have an even number of control planes for a while (one removed before its
     *                   replacement joins), which an install refuses
     */
    static List<InventoryError> validate(RawInventory inventory, boolean newCluster) {
        InventoryValidator validator = new InventoryValidator(newCluster);
        validator.check(inventory);
        return List.copyOf(validator.errors);
    }

    static boolean isDnsLabel(String value) {
        return value != null && DNS_LABEL.matcher(value).matches();
    }

    static boolean isKubernetesVersion(String value) {
        return value != null && KUBERNETES_VERSION.matcher(value).matches();
    }

    static boolean isNetworkVersion(String value) {
        return value != null && NETWORK_VERSION.matcher(value).matches();
    }

    static boolean isImageRepository(String value) {
        return value != null && imageProblem(value, true) == null;
    }

    private void error(String field, String message) {
        errors.add(new InventoryError(field, message));
    }

    private void check(RawInventory inventory) {
        checkClusterName(inventory.name());
        RawKubernetes kubernetes = inventory.kubernetes();
        Optional<String> minor = checkKubernetesVersion(kubernetes.version());
        Cidr podSubnet = checkCidr("kubernetes.podSubnet", kubernetes.podSubnet());
        Cidr serviceSubnet = checkCidr("kubernetes.serviceSubnet", kubernetes.serviceSubnet());
        checkSubnetSizes(podSubnet, serviceSubnet, inventory.nodes());
        String repositoryProblem = imageProblem(kubernetes.imageRepository(), true);
        if (repositoryProblem != null) {
            error("kubernetes.imageRepository", repositoryProblem);
        }
        if (kubernetes.controlPlaneEndpoint() != null) {
            error("kubernetes.controlPlaneEndpoint", "is no longer read: the endpoint is now the section"
                    + " controlPlaneEndpoint (name, port, mode and the mode's fields), which kubeorch also sets up"
                    + " and checks. For an existing load balancer write controlPlaneEndpoint: {mode: external,"
                    + " loadBalancer: <its address>, port: <its port>}; for a virtual IP on the control planes'"
                    + " network controlPlaneEndpoint: {mode: kube-vip, vip: <the address>}; or leave both out for"
                    + " a local proxy on every worker (docs/inventory.md)");
        }
        checkContainerd(inventory.containerd(), minor);
        checkRepositories(inventory.repositories(), minor);
        checkNetwork(inventory.network());
        checkSsh(inventory.ssh());
        checkNodes(inventory.nodes(), kubernetes, podSubnet, serviceSubnet);
        if (inventory.controlPlaneEndpoint() != null) {
            checkEndpoint(inventory.controlPlaneEndpoint(), inventory.name(), minor, inventory.nodes(),
                    podSubnet, serviceSubnet);
        }
    }

    // ---------------------------------------------------------------- controlPlaneEndpoint

    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,15}");
    private static final String ENDPOINT = "controlPlaneEndpoint";

    private void checkEndpoint(RawControlPlaneEndpoint endpoint, String clusterName, Optional<String> minor,
            List<RawNode> nodes, Cidr podSubnet, Cidr serviceSubnet) {
        List<RawNode> known = nodes == null ? List.of() : nodes.stream().filter(Objects::nonNull).toList();
        checkEndpointName(endpoint.name(), clusterName, known);
        Optional<Inventory.EndpointMode> mode = Inventory.EndpointMode.of(endpoint.mode());
        if (mode.isEmpty()) {
            error(ENDPOINT + ".mode", "unknown mode " + show(endpoint.mode()) + ": use local-proxy (a proxy on every"
                    + " worker, no virtual IP needed), kube-vip (a virtual IP on the control planes' layer-2"
                    + " network) or external (an existing load balancer)");
            return;
        }
        if (endpoint.port() < 1 || endpoint.port() > 65535) {
            error(ENDPOINT + ".port", endpoint.port() + " is not a TCP port: use 1-65535");
        } else if (mode.get() != Inventory.EndpointMode.EXTERNAL && endpoint.port() != InventoryDefaults.API_SERVER_PORT) {
            error(ENDPOINT + ".port", endpoint.port() + " cannot be used in " + mode.get().label() + " mode: the name"
                    + " leads straight to an API server there (on the control planes themselves, or through the"
                    + " virtual IP), which listens on " + InventoryDefaults.API_SERVER_PORT + "; remove the port or set "
                    + InventoryDefaults.API_SERVER_PORT);
        }
        Map<String, String> onlyFor = new LinkedHashMap<>();
        onlyFor.put("vip", "kube-vip");
        onlyFor.put("vipInterface", "kube-vip");
        onlyFor.put("kubeVipVersion", "kube-vip");
        onlyFor.put("loadBalancer", "external");
        Map<String, String> values = new HashMap<>();
        values.put("vip", endpoint.vip());
        values.put("vipInterface", endpoint.vipInterface());
        values.put("kubeVipVersion", endpoint.kubeVipVersion());
        values.put("loadBalancer", endpoint.loadBalancer());
        onlyFor.forEach((field, owner) -> {
            if (values.get(field) != null && !owner.equals(mode.get().label())) {
                error(ENDPOINT + "." + field, "is only used in " + owner + " mode, but mode is " + mode.get().label()
                        + ": remove it, or set mode: " + owner);
            }
        });
        if (endpoint.vipNetwork() != null && mode.get() != Inventory.EndpointMode.KUBE_VIP) {
            error(ENDPOINT + ".vipNetwork", "is only used in kube-vip mode, but mode is " + mode.get().label()
                    + ": remove it, or set mode: kube-vip");
        }
        List<RawNode> controlPlanes = known.stream().filter(node -> node.roles() != null
                && node.roles().contains(Inventory.Role.CONTROL_PLANE.label())).toList();
        switch (mode.get()) {
            case KUBE_VIP -> checkKubeVip(endpoint, minor, known, controlPlanes, podSubnet, serviceSubnet);
            case EXTERNAL -> checkLoadBalancer(endpoint.loadBalancer(), controlPlanes);
            case LOCAL_PROXY -> { }
        }
    }

    private void checkEndpointName(String name, String clusterName, List<RawNode> nodes) {
        String field = ENDPOINT + ".name";
        if (name == null) {
            if (clusterName != null && DNS_LABEL.matcher(clusterName).matches()) {
                error(field, "required: the default " + show(InventoryDefaults.endpointName(clusterName))
                        + " is longer than a DNS label's 63 characters; give a shorter name, e.g. api."
                        + "example.com");
            }
            // (an invalid cluster name is reported at name; the default follows from it)
            return;
        }
        if (name.length() > 253 || !NODE_NAME.matcher(name).matches()
                || NUMERIC_LABELS.matcher(name.substring(name.lastIndexOf('.') + 1)).matches()) {
            error(field, show(name) + " is not a valid DNS name: lowercase letters, digits and '-' in labels of at"
                    + " most 63 characters separated by '.', not an IP address (the endpoint is a name so that it"
                    + " can outlive any one address), e.g. " + show(InventoryDefaults.endpointName("production"))
                    + lowercaseHint(name, NODE_NAME));
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (name.equals(nodes.get(i).name())) {
                error(field, show(name) + " is also the name of nodes[" + i + "]: every node resolves both names in"
                        + " /etc/hosts, so they must differ; choose another endpoint name");
            }
        }
    }

    private void checkKubeVip(RawControlPlaneEndpoint endpoint, Optional<String> minor, List<RawNode> nodes,
            List<RawNode> controlPlanes, Cidr podSubnet, Cidr serviceSubnet) {
        if (minor.isPresent() && minor.get().compareTo("1.29") >= 0 && minor.get().length() == 4) {
            error(ENDPOINT + ".mode", "kube-vip is supported with Kubernetes 1.27 and 1.28 only: from 1.29 on, kube-vip"
                    + " must use super-admin.conf while kubeadm init runs (kube-vip #684), which kubeorch does not set"
                    + " up yet; use mode local-proxy or external, or Kubernetes 1.28");
        }
        if (endpoint.kubeVipVersion() != null && !NETWORK_VERSION.matcher(endpoint.kubeVipVersion()).matches()) {
            error(ENDPOINT + ".kubeVipVersion", show(endpoint.kubeVipVersion()) + " is not a kube-vip release: write"
                    + " v<major>.<minor>.<patch>, e.g. " + InventoryDefaults.KUBE_VIP_VERSION);
        }
        if (endpoint.vipInterface() != null && !INTERFACE_NAME.matcher(endpoint.vipInterface()).matches()) {
            error(ENDPOINT + ".vipInterface", show(endpoint.vipInterface()) + " is not a network interface name"
                    + " (1-15 letters, digits, '_', '.', ':' or '-', e.g. eth0); leave it out to let kube-vip use"
                    + " the interface of the default route");
        }
        Cidr network = null;
        if (endpoint.vipNetwork() != null) {
            network = Cidr.parse(endpoint.vipNetwork());
            if (network == null || network.hasHostBits()) {
                error(ENDPOINT + ".vipNetwork", show(endpoint.vipNetwork()) + " is not a network in CIDR notation"
                        + " without host bits, e.g. 192.168.1.0/24: the layer-2 network the control planes share");
                network = null;
            }
        }
        if (network != null) {
            List<String> outside = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                RawNode node = nodes.get(i);
                byte[] ip = node.address() == null ? null : IpAddresses.parse(node.address());
                if (controlPlanes.contains(node) && ip != null && !network.contains(ip)) {
                    outside.add("nodes[" + i + "] (" + node.name() + ") " + node.address());
                }
            }
            if (!outside.isEmpty()) {
                error(ENDPOINT + ".vipNetwork", network + " does not contain " + String.join(", ", outside)
                        + ": kube-vip announces the virtual IP by ARP, so every control plane must be on the network"
                        + " it is in; set vipNetwork to the control planes' network, or use mode local-proxy, which"
                        + " needs no shared network");
                network = null;
            }
        }
        String field = ENDPOINT + ".vip";
        String vip = endpoint.vip();
        if (vip == null) {
            error(field, "required in kube-vip mode: the virtual IP kube-vip moves between the control planes, a free"
                    + " address on their network" + (network != null ? " " + network : "") + ", e.g. "
                    + (network != null ? exampleVip(network) : "192.168.1.100"));
            return;
        }
        byte[] ip = IpAddresses.parse(vip);
        if (ip == null) {
            error(field, show(vip) + " is not an IP address: kube-vip announces an IPv4 or IPv6 address, e.g. 192.168.1.100");
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            byte[] nodeIp = nodes.get(i).address() == null ? null : IpAddresses.parse(nodes.get(i).address());
            if (nodeIp != null && java.util.Arrays.equals(nodeIp, ip)) {
                error(field, vip + " is the address of nodes[" + i + "] (" + nodes.get(i).name() + "): the virtual IP"
                        + " must be a free address that moves between the control planes; choose an unused one");
                return;
            }
        }
        if (network != null) {
            if (!network.contains(ip)) {
                error(field, vip + " is outside the control planes' network " + network + ": ARP announces it only"
                        + " within that network; choose a free address in it, e.g. " + exampleVip(network)
                        + " (or set vipNetwork if the network is larger)");
                return;
            }
            if (network.isIpv4() && network.prefixLength() < 31
                    && (java.util.Arrays.equals(ip, network.firstAddress())
                            || java.util.Arrays.equals(ip, network.lastAddress()))) {
                error(field, vip + " is the network or broadcast address of " + network + ": choose a host address");
                return;
            }
        }
        for (Cidr subnet : new Cidr[] {podSubnet, serviceSubnet}) {
            if (subnet != null && subnet.contains(ip)) {
                error(field, vip + " lies in " + (subnet == podSubnet ? "kubernetes.podSubnet " : "kubernetes.serviceSubnet ")
                        + subnet + ": it would collide with cluster addresses; choose an address on the node network");
                return;
            }
        }
    }

    private static String exampleVip(Cidr network) {
        byte[] last = network.lastAddress();
        if (network.isIpv4()) {
            last[3] = (byte) ((last[3] & 0xff) - 1);
        }
        return IpAddresses.format(last);
    }

    private void checkLoadBalancer(String loadBalancer, List<RawNode> controlPlanes) {
        String field = ENDPOINT + ".loadBalancer";
        if (loadBalancer == null) {
            error(field, "required in external mode: the IP address of the existing load balancer that forwards"
                    + " the endpoint's port to port " + InventoryDefaults.API_SERVER_PORT + " of every control plane,"
                    + " e.g. 192.168.1.200 (kubeorch maps the endpoint name to it on every node)");
            return;
        }
        byte[] ip = IpAddresses.parse(loadBalancer);
        if (ip == null || IpAddresses.isUnspecified(ip)) {
            error(field, show(loadBalancer) + " is not an IP address: give the load balancer's address, e.g."
                    + " 192.168.1.200 (the endpoint name is mapped to it in every node's /etc/hosts)");
            return;
        }
        for (RawNode node : controlPlanes) {
            byte[] nodeIp = node.address() == null ? null : IpAddresses.parse(node.address());
            if (nodeIp != null && java.util.Arrays.equals(nodeIp, ip)) {
                error(field, loadBalancer + " is the address of control plane " + node.name() + ": a balancer there"
                        + " dies with that control plane, and its API server already holds port "
                        + InventoryDefaults.API_SERVER_PORT + "; give the address of the load balancer itself");
            }
        }
    }

    private void checkClusterName(String name) {
        if (name == null) {
            error("name", "required: the cluster's name, a DNS label such as 'production' or 'lab'");
        } else if (!DNS_LABEL.matcher(name).matches()) {
            error("name", show(name) + " is not a DNS label: " + LABEL_RULE + ", at most 63 characters"
                    + lowercaseHint(name, DNS_LABEL));
        }
    }

    // ---------------------------------------------------------------- kubernetes

    private Optional<String> checkKubernetesVersion(String version) {
        String field = "kubernetes.version";
        if (!isKubernetesVersion(version)) {
            if (version.startsWith("v") && isKubernetesVersion(version.substring(1))) {
                error(field, show(version) + ": write the version without the leading 'v', e.g. "
                        + version.substring(1));
            } else {
                error(field, show(version) + " is not a Kubernetes release version: write major.minor.patch, e.g. "
                        + InventoryDefaults.KUBERNETES_VERSION);
            }
            return Optional.empty();
        }
        String minor = InventoryDefaults.minorOf(version);
        if (InventoryDefaults.pauseVersion(minor).isEmpty()) {
            error(field, "Kubernetes " + minor + " is not supported; supported minor versions are "
                    + String.join(", ", InventoryDefaults.supportedMinors())
                    + " (the pause image, package repository and install steps follow the minor version)");
            return Optional.empty();
        }
        return Optional.of(minor);
    }

    private Cidr checkCidr(String field, String value) {
        String characters = firstForbidden(value, Pattern.compile("[0-9A-Fa-f.:/]"));
        Cidr cidr = characters == null ? Cidr.parse(value) : null;
        if (cidr == null) {
            error(field, show(value) + " is not a network in CIDR notation (address/prefix length), e.g. "
                    + (field.endsWith("podSubnet") ? InventoryDefaults.POD_SUBNET : InventoryDefaults.SERVICE_SUBNET));
            return null;
        }
        if (cidr.hasHostBits()) {
            error(field, show(value) + " has host bits set: a /" + cidr.prefixLength()
                    + " network's address has zeros after the first " + cidr.prefixLength()
                    + " bits; did you mean " + cidr.network() + "?");
            return null;
        }
        return cidr;
    }

    private void checkSubnetSizes(Cidr podSubnet, Cidr serviceSubnet, List<RawNode> nodes) {
        if (podSubnet != null) {
            // kube-controller-manager hands every node a /24 (IPv4) or /64 (IPv6) out of the pod
            // subnet, and refuses more than 16 bits between the two.
            int perNode = podSubnet.isIpv4() ? 24 : 64;
            int nodeCount = nodes == null ? 0 : nodes.size();
            if (podSubnet.prefixLength() > perNode) {
                error("kubernetes.podSubnet", podSubnet + " is too small: every node gets a /" + perNode
                        + " of pod addresses out of it; use a /" + (perNode - 8) + " such as "
                        + (podSubnet.isIpv4() ? InventoryDefaults.POD_SUBNET : "fd00:10:244::/56"));
            } else if (podSubnet.prefixLength() < perNode - 16) {
                error("kubernetes.podSubnet", podSubnet + " is too large: the controller manager splits it into /"
                        + perNode + " per node and accepts at most 16 bits between the two (/" + (perNode - 16)
                        + " or smaller), e.g. " + (podSubnet.isIpv4() ? InventoryDefaults.POD_SUBNET : "fd00:10:244::/56"));
            } else if (nodeCount > 1L << (perNode - podSubnet.prefixLength())) {
                error("kubernetes.podSubnet", podSubnet + " holds " + (1L << (perNode - podSubnet.prefixLength()))
                        + " per-node /" + perNode + " ranges but the inventory has " + nodeCount
                        + " nodes; use a larger range such as " + InventoryDefaults.POD_SUBNET);
            }
        }
        if (serviceSubnet != null) {
            int largest = serviceSubnet.isIpv4() ? 12 : 108;
            int smallest = serviceSubnet.bits() - 4;
            if (serviceSubnet.prefixLength() < largest) {
                error("kubernetes.serviceSubnet", serviceSubnet + " is too large: the API server accepts at most a /"
                        + largest + " for " + serviceSubnet.family() + " service addresses, e.g. "
                        + (serviceSubnet.isIpv4() ? InventoryDefaults.SERVICE_SUBNET : "fd00:10:96::/112"));
            } else if (serviceSubnet.prefixLength() > smallest) {
                error("kubernetes.serviceSubnet", serviceSubnet + " is too small: kubeadm gives its 10th address to"
                        + " cluster DNS, and services need many more; use e.g. "
                        + (serviceSubnet.isIpv4() ? InventoryDefaults.SERVICE_SUBNET : "fd00:10:96::/112"));
            }
        }
        if (podSubnet != null && serviceSubnet != null) {
            if (!podSubnet.family().equals(serviceSubnet.family())) {
                error("kubernetes.serviceSubnet", serviceSubnet + " is " + serviceSubnet.family()
                        + " but kubernetes.podSubnet " + podSubnet + " is " + podSubnet.family()
                        + "; kubeorch installs single-stack clusters: use one address family for both");
            } else if (podSubnet.overlaps(serviceSubnet)) {
                error("kubernetes.serviceSubnet", serviceSubnet + " overlaps kubernetes.podSubnet " + podSubnet
                        + ": a service address could be a pod's too; use ranges that do not overlap, e.g. "
                        + InventoryDefaults.POD_SUBNET + " for pods and " + InventoryDefaults.SERVICE_SUBNET
                        + " for services");
            }
        }
    }

    // ---------------------------------------------------------------- containerd, repositories, network

    private void checkContainerd(RawContainerd containerd, Optional<String> kubernetesMinor) {
        Matcher version = CONTAINERD_VERSION.matcher(containerd.version());
        if (!version.matches()) {
            error("containerd.version", show(containerd.version())
                    + " is not a containerd package version: write e.g. 1.6.22, or with the openEuler release "
                    + "1.6.22-16.oe2403sp1");
        } else if (!version.group(1).equals("1") || Integer.parseInt(version.group(2)) < 6) {
            error("containerd.version", show(containerd.version()) + " is not supported: kubeorch configures"
                    + " containerd 1.6 and 1.7 (Kubernetes 1.26 and later need 1.6 or newer; 2.x has another"
                    + " configuration format)");
        }
        String sandboxImage = containerd.sandboxImage();
        if (sandboxImage != null) {
            String problem = imageProblem(sandboxImage, false);
            if (problem != null) {
                error("containerd.sandboxImage", problem);
            } else {
                checkPauseTag(sandboxImage, kubernetesMinor);
            }
        }
        List<String> mirrors = containerd.registryMirrors();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < mirrors.size(); i++) {
            String field = "containerd.registryMirrors[" + i + "]";
            String mirror = mirrors.get(i);
            if (mirror == null) {
                error(field, "an empty entry: give a mirror URL such as https://mirror.example.com or remove the line");
                continue;
            }
            Optional<String> problem = urlProblem(mirror);
            if (problem.isPresent()) {
                error(field, problem.get());
            } else if (seen.containsKey(mirror)) {
                error(field, show(mirror) + " is already listed as containerd.registryMirrors["
                        + seen.get(mirror) + "]; list each mirror once");
            }
            seen.putIfAbsent(mirror, i);
        }
    }

    /** The guide leaves containerd on pause:3.6 while kubeadm 1.28 wants 3.9: catch that mismatch. */
    private void checkPauseTag(String sandboxImage, Optional<String> kubernetesMinor) {
        String lastComponent = sandboxImage.substring(sandboxImage.lastIndexOf('/') + 1);
        int at = lastComponent.indexOf('@');
        if (at >= 0) {
            lastComponent = lastComponent.substring(0, at);
        }
        int colon = lastComponent.indexOf(':');
        if (colon < 0 || !lastComponent.substring(0, colon).equals("pause") || kubernetesMinor.isEmpty()) {
            return;
        }
        String tag = lastComponent.substring(colon + 1);
        String expected = InventoryDefaults.pauseVersion(kubernetesMinor.get()).orElseThrow();
        if (!tag.equals(expected)) {
            String suggestion = sandboxImage.substring(0, sandboxImage.lastIndexOf('/') + 1) + "pause:" + expected;
            error("containerd.sandboxImage", show(sandboxImage) + " is pause " + tag + ", but kubeadm "
                    + kubernetesMinor.get() + " expects pause " + expected
                    + " (on a mismatch kubeadm warns and the node runs two sandbox images); use " + suggestion);
        }
    }

    private void checkRepositories(RawRepositories repositories, Optional<String> kubernetesMinor) {
        if (repositories.containerd() != null) {
            urlProblem(repositories.containerd()).ifPresent(problem -> error("repositories.containerd", problem));
        }
        String kubernetes = repositories.kubernetes();
        if (kubernetes == null) {
            return;
        }
        Optional<String> problem = urlProblem(kubernetes);
        if (problem.isPresent()) {
            error("repositories.kubernetes", problem.get());
            return;
        }
        Matcher minor = REPOSITORY_MINOR.matcher(kubernetes);
        if (kubernetesMinor.isPresent() && minor.find() && !minor.group(1).equals(kubernetesMinor.get())) {
            error("repositories.kubernetes", show(kubernetes) + " is the v" + minor.group(1)
                    + " package repository, but kubernetes.version is " + kubernetesMinor.get()
                    + ".x; each repository holds one minor version: use "
                    + kubernetes.replace("/v" + minor.group(1) + "/", "/v" + kubernetesMinor.get() + "/"));
        }
    }

    private void checkNetwork(RawNetwork network) {
        if (!InventoryDefaults.NETWORK_PLUGIN.equals(network.plugin())) {
            error("network.plugin", show(network.plugin()) + " is not supported: the only network plugin kubeorch"
                    + " installs is calico (write plugin: calico, or leave it out)");
        }
        if (!isNetworkVersion(network.version())) {
            String hint = KUBERNETES_VERSION.matcher(network.version()).matches()
                    ? ": Calico versions start with 'v', e.g. v" + network.version()
                    : " is not a Calico release version: write v<major>.<minor>.<patch>, e.g. "
                            + InventoryDefaults.CALICO_VERSION;
            error("network.version", show(network.version()) + hint);
        }
        if (network.manifestUrl() != null) {
            urlProblem(network.manifestUrl()).ifPresent(problem -> error("network.manifestUrl", problem));
        }
    }

    // ---------------------------------------------------------------- ssh

    private void checkSsh(RawSsh ssh) {
        if (!LINUX_USER.matcher(ssh.user()).matches()) {
            error("ssh.user", show(ssh.user()) + " is not a valid Linux user name: 1-32 lowercase letters, digits,"
                    + " '_' and '-', starting with a letter or '_'" + lowercaseHint(ssh.user(), LINUX_USER));
        }
        if (ssh.port() < 1 || ssh.port() > 65535) {
            error("ssh.port", ssh.port() + " is not a TCP port: use 1-65535 (SSH listens on 22 unless configured otherwise)");
        }
        if (ssh.privateKeyFile() == null && ssh.passwordEnv() == null) {
            error("ssh", "no credentials: set ssh.privateKeyFile (a private key file on the kubeorch server) or"
                    + " ssh.passwordEnv (the name of an environment variable on the kubeorch server holding the password)");
        } else if (ssh.privateKeyFile() != null && ssh.passwordEnv() != null) {
            error("ssh", "both ssh.privateKeyFile and ssh.passwordEnv are set: give exactly one way to log in");
        }
        if (ssh.privateKeyFile() != null) {
            serverPathProblem(ssh.privateKeyFile(), "the private key file")
                    .ifPresent(problem -> error("ssh.privateKeyFile", problem));
        }
        if (ssh.passwordEnv() != null) {
            envNameProblem(ssh.passwordEnv()).ifPresent(problem -> error("ssh.passwordEnv", problem));
        }
        if (ssh.knownHostsFile() != null) {
            serverPathProblem(ssh.knownHostsFile(), "the known_hosts file")
                    .ifPresent(problem -> error("ssh.knownHostsFile", problem));
        } else {
            error("ssh.knownHostsFile", "required: kubeorch checks every host's SSH key against a known_hosts file"
                    + " so that it never logs in to (and hands credentials to) an impostor; give a known_hosts file"
                    + " with every node's key (e.g. collected with ssh-keyscan and checked out of band), or set"
                    + " ssh.acceptNewHostKeys: true and name the file where kubeorch records each host's key on"
                    + " first contact (created if missing)");
        }
        boolean root = InventoryDefaults.SSH_USER.equals(ssh.user());
        if (!root && !ssh.sudo()) {
            error("ssh.sudo", "false, but ssh.user " + show(ssh.user()) + " is not root and the install needs root:"
                    + " set sudo: true (commands then run through sudo -n), or log in as root");
        }
        if (ssh.sudoPasswordEnv() != null) {
            envNameProblem(ssh.sudoPasswordEnv()).ifPresent(problem -> error("ssh.sudoPasswordEnv", problem));
            if (!ssh.sudo()) {
                error("ssh.sudoPasswordEnv", "is only used with sudo: true; remove it or set ssh.sudo: true");
            }
        }
        if (ssh.jumpHost() != null) {
            hostPortProblem(ssh.jumpHost(), false).ifPresent(problem -> error("ssh.jumpHost", problem));
        }
        if (ssh.connectTimeoutSeconds() < 1 || ssh.connectTimeoutSeconds() > MAX_CONNECT_TIMEOUT_SECONDS) {
            error("ssh.connectTimeoutSeconds", ssh.connectTimeoutSeconds() + " is out of range: use 1-"
                    + MAX_CONNECT_TIMEOUT_SECONDS + " seconds (default " + InventoryDefaults.CONNECT_TIMEOUT_SECONDS + ")");
        }
    }

    private static Optional<String> serverPathProblem(String path, String what) {
        if (SERVER_PATH.matcher(path).matches() && !path.endsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(show(path) + " is not usable as " + what + ": give a path on the kubeorch server, absolute"
                + " or relative to the directory kubeorch runs in, made of letters, digits and . _ - + @ /"
                + (path.startsWith("~") ? " (~ is not expanded: write the home directory out)" : ""));
    }

    private static Optional<String> envNameProblem(String name) {
        if (ENV_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(show(name) + " is not an environment variable name: letters, digits and '_', not starting"
                + " with a digit, e.g. KUBEORCH_SSH_PASSWORD (the inventory names the variable; it never holds the secret)");
    }

    // ---------------------------------------------------------------- nodes

    private void checkNodes(List<RawNode> nodes, RawKubernetes kubernetes, Cidr podSubnet, Cidr serviceSubnet) {
        if (nodes == null || nodes.isEmpty()) {
            error("nodes", "at least one node is required, e.g. - {name: master01, address: 192.168.1.1,"
                    + " roles: [control-plane]}");
            return;
        }
        if (nodes.size() > MAX_NODES) {
            error("nodes", nodes.size() + " nodes: kubeorch installs at most " + MAX_NODES
                    + " nodes in one inventory");
        }
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> addresses = new HashMap<>();
        Map<Integer, byte[]> ipAddresses = new LinkedHashMap<>();
        List<String> controlPlanes = new ArrayList<>();
        boolean rolesAllValid = true;
        for (int i = 0; i < nodes.size(); i++) {
            String field = "nodes[" + i + "]";
            RawNode node = nodes.get(i);
            if (node == null) {
                error(field, "an empty entry: give name, address and roles, or remove the line");
                continue;
            }
            checkNodeName(field + ".name", node.name(), names, nodes, i);
            byte[] ip = checkNodeAddress(field + ".address", node.address(), addresses, nodes, i);
            if (ip != null) {
                ipAddresses.put(i, ip);
            }
            int errorsBeforeRoles = errors.size();
            if (checkRoles(field + ".roles", node.roles())) {
                controlPlanes.add(node.name() != null ? node.name() : field);
            }
            rolesAllValid &= errors.size() == errorsBeforeRoles;
        }
        if (controlPlanes.isEmpty() && rolesAllValid) {
            // (with a role missing or misspelt, that node is probably the control plane: said there)
            error("nodes", "no node has the control-plane role: at least one node needs roles: [control-plane]"
                    + " (the first one runs kubeadm init)");
        } else if (newCluster && controlPlanes.size() % 2 == 0 && !controlPlanes.isEmpty()) {
            error("nodes", controlPlanes.size() + " control planes (" + String.join(", ", controlPlanes) + "): every"
                    + " control plane runs an etcd member and etcd works only while a majority of its members do, so "
                    + controlPlanes.size() + " members survive no more failures than " + (controlPlanes.size() - 1)
                    + " (2 tolerate none, 4 one) while adding one more member that can fail; use an odd number"
                    + " (1, 3 or 5): give one node fewer or one more the control-plane role");
        }
        checkNodesOutsideSubnet("kubernetes.podSubnet", podSubnet, nodes, ipAddresses);
        checkNodesOutsideSubnet("kubernetes.serviceSubnet", serviceSubnet, nodes, ipAddresses);
    }

    private void checkNodeName(String field, String name, Map<String, Integer> names, List<RawNode> nodes, int index) {
        if (name == null) {
            error(field, "required: the node's host name, e.g. master01 or node01 (kubeorch sets it on the host)");
            return;
        }
        if (!NODE_NAME.matcher(name).matches() || name.length() > MAX_NODE_NAME_LENGTH) {
            error(field, show(name) + " is not a valid node name: an RFC 1123 host name of at most "
                    + MAX_NODE_NAME_LENGTH + " characters (" + LABEL_RULE + ", parts separated by '.')"
                    + lowercaseHint(name, NODE_NAME));
            return;
        }
        Integer first = names.putIfAbsent(name, index);
        if (first != null) {
            error(field, show(name) + " is already used by nodes[" + first + "]; every node needs its own name");
        }
    }

    private byte[] checkNodeAddress(String field, String address, Map<String, Integer> addresses,
            List<RawNode> nodes, int index) {
        if (address == null) {
            error(field, "required: the IP address or host name kubeorch reaches the node at over SSH");
            return null;
        }
        Optional<String> problem = hostProblem(address);
        if (problem.isPresent()) {
            error(field, problem.get());
            return null;
        }
        byte[] ip = IpAddresses.parse(address);
        String key = ip != null ? IpAddresses.format(ip) : address.toLowerCase(Locale.ROOT);
        Integer first = addresses.putIfAbsent(key, index);
        if (first != null) {
            String firstName = nodes.get(first).name();
            error(field, show(address) + " is already used by nodes[" + first + "]"
                    + (firstName != null ? " (" + firstName + ")" : "") + "; every node needs its own address");
        }
        return ip;
    }

    /** Checks a node's roles; true if they include control-plane. */
    private boolean checkRoles(String field, List<String> roles) {
        if (roles == null) {
            error(field, "required: [control-plane], [worker], or [control-plane, worker]");
            return false;
        }
        if (roles.isEmpty()) {
            error(field, "empty: give [control-plane], [worker], or [control-plane, worker]");
            return false;
        }
        boolean controlPlane = false;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            String roleField = field + "[" + i + "]";
            if (role == null) {
                error(roleField, "an empty role: roles are control-plane and worker");
                continue;
            }
            if (!role.equals(Inventory.Role.CONTROL_PLANE.label()) && !role.equals(Inventory.Role.WORKER.label())) {
                String hint = role.equalsIgnoreCase("master")
                        ? " ('master' is the old name of control-plane)" : "";
                error(roleField, "unknown role " + show(role) + ": roles are control-plane and worker" + hint);
                continue;
            }
            Integer first = seen.putIfAbsent(role, i);
            if (first != null) {
                error(roleField, show(role) + " is listed twice; list each role once");
            }
            controlPlane |= role.equals(Inventory.Role.CONTROL_PLANE.label());
        }
        return controlPlane;
    }

    private void checkNodesOutsideSubnet(String field, Cidr subnet, List<RawNode> nodes, Map<Integer, byte[]> addresses) {
        if (subnet == null) {
            return;
        }
        List<String> inside = addresses.entrySet().stream()
                .filter(entry -> subnet.contains(entry.getValue()))
                .map(entry -> "nodes[" + entry.getKey() + "]"
                        + (nodes.get(entry.getKey()).name() != null ? " (" + nodes.get(entry.getKey()).name() + ")" : "")
                        + " " + nodes.get(entry.getKey()).address())
                .toList();
        if (inside.isEmpty()) {
            return;
        }
        boolean pods = field.endsWith("podSubnet");
        String what = pods ? "pod" : "service";
        String guide = pods && subnet.toString().equals("192.168.0.0/16")
                ? " (this is the guide's mistake: Calico's default pool 192.168.0.0/16 overlaps its node network"
                        + " 192.168.1.0/24)"
                : "";
        String suggestion = suggestSubnet(pods, addresses);
        error(field, subnet + " contains the address of " + String.join(", ", inside) + ": " + what
                + " addresses would collide with the node network" + guide + "; use a range that holds no node"
                + " address" + (suggestion != null ? ", e.g. " + suggestion : ""));
    }

    private static String suggestSubnet(boolean pods, Map<Integer, byte[]> addresses) {
        List<String> candidates = pods
                ? List.of(InventoryDefaults.POD_SUBNET, "172.16.0.0/16", "100.64.0.0/16")
                : List.of(InventoryDefaults.SERVICE_SUBNET, "172.30.0.0/16", "100.96.0.0/16");
        return candidates.stream()
                .filter(candidate -> addresses.values().stream().noneMatch(Objects.requireNonNull(Cidr.parse(candidate))::contains))
                .findFirst()
                .orElse(null);
    }

    // ---------------------------------------------------------------- hosts, URLs, images

    /** An IPv4/IPv6 literal or an RFC 1123 host name; null if fine, else what is wrong. */
    private static Optional<String> hostProblem(String host) {
        byte[] ip = IpAddresses.parse(host);
        if (ip != null) {
            return IpAddresses.isUnspecified(ip)
                    ? Optional.of(show(host) + " is the unspecified address, which no host can be reached at")
                    : Optional.empty();
        }
        if (host.length() <= 253 && HOST_NAME.matcher(host).matches()) {
            String lastLabel = host.substring(host.lastIndexOf('.') + 1);
            if (!NUMERIC_LABELS.matcher(lastLabel).matches()) {
                return Optional.empty();
            }
            return Optional.of(show(host) + " is not a valid IPv4 address: four numbers 0-255 separated by '.',"
                    + " without leading zeros, e.g. 192.168.1.1");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return Optional.of(show(host) + ": write an IPv6 address without brackets here, e.g. fd00::1");
        }
        return Optional.of(show(host) + " is neither an IP address nor a host name: use an IPv4 or IPv6 address"
                + " (e.g. 192.168.1.1) or a host name of letters, digits, '-' and '.'");
    }

    /** {@code host:port} (port required or optional); IPv6 hosts in brackets. */
    private static Optional<String> hostPortProblem(String value, boolean portRequired) {
        String form = portRequired ? "host:port, e.g. 192.168.1.100:6443 or [fd00::100]:6443"
                : "host or host:port, e.g. bastion.example.com or 192.168.1.254:2222";
        String host;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return Optional.of(show(value) + " is not " + form);
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Optional.of(show(value) + " is not " + form);
                }
                port = rest.substring(1);
            }
            if (IpAddresses.parseIpv6(host) == null) {
                return Optional.of(show(value) + ": only IPv6 addresses go in brackets; write " + form);
            }
        } else {
            int colons = value.length() - value.replace(":", "").length();
            if (colons > 1) {
                return Optional.of(show(value) + ": put an IPv6 address in brackets; write " + form);
            }
            int colon = value.indexOf(':');
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
            Optional<String> hostProblem = hostProblem(host);
            if (hostProblem.isPresent()) {
                return Optional.of(show(value) + " is not " + form + ": " + hostProblem.get());
            }
        }
        if (port == null) {
            return portRequired ? Optional.of(show(value) + " has no port: write " + form) : Optional.empty();
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            return Optional.of(show(value) + " has an invalid port " + show(port) + ": use 1-65535; write " + form);
        }
        return Optional.empty();
    }

    /** Absolute http(s) URL with a host, no credentials, query or fragment, no shell metacharacters. */
    static Optional<String> urlProblem(String url) {
        String example = " e.g. https://mirror.example.com/path/";
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            return Optional.of(show(url) + " is not an absolute URL: write scheme://host/path," + example);
        }
        String scheme = matcher.group("scheme");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(show(url) + ": only http and https URLs are supported," + example);
        }
        String host = matcher.group("host");
        String port = matcher.group("port");
        String path = matcher.group("path") == null ? "" : matcher.group("path");
        if (host.contains("@") || (port != null && port.contains("@"))) {
            return Optional.of(show(url) + " carries credentials: the inventory must not hold secrets; remove"
                    + " user:password@ (put credentials where the host's package manager or containerd reads them)");
        }
        if (path.contains("?") || path.contains("#")) {
            return Optional.of(show(url) + ": query strings (?...) and fragments (#...) are not supported; give"
                    + " the plain base URL");
        }
        String forbidden = firstForbidden(url, URL_CHARACTERS);
        if (forbidden != null) {
            return Optional.of(show(url) + " contains " + forbidden + ", which is not allowed in a URL here"
                    + " (letters, digits and . _ : / % + = , - only; percent-encode anything else, e.g. ~ as %7E)");
        }
        if (host.isEmpty()) {
            return Optional.of(show(url) + " has no host," + example);
        }
        if (host.startsWith("[")) {
            if (IpAddresses.parseIpv6(host.substring(1, host.length() - 1)) == null) {
                return Optional.of(show(url) + ": " + show(host) + " is not an IPv6 address");
            }
        } else {
            Optional<String> hostProblem = hostProblem(host);
            if (hostProblem.isPresent() || IpAddresses.parseIpv6(host) != null) {
                return Optional.of(show(url) + " has an invalid host: "
                        + hostProblem.orElse("put an IPv6 address in brackets, e.g. http://[fd00::1]:8080/"));
            }
        }
        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535)) {
            return Optional.of(show(url) + " has an invalid port " + show(port) + ": use 1-65535");
        }
        if (!URL_PATH.matcher(path).matches()) {
            return Optional.of(show(url) + " has an invalid path: a '%' must start a %XX escape");
        }
        return Optional.empty();
    }

    /**
     * A registry-qualified image reference {@code host[:port]/path[:tag][@sha256:digest]}, or with
     * {@code repositoryOnly} a registry and optional path without tag or digest
     * ({@code registry.k8s.io}, {@code 127.0.1.254:5000/google_containers}). Null if fine.
     */
    static String imageProblem(String reference, boolean repositoryOnly) {
        String what = repositoryOnly
                ? "an image repository (registry host[:port] and optional path, e.g. registry.k8s.io or"
                        + " 127.0.0.1:5000/google_containers)"
                : "an image reference (registry host[:port]/path:tag, e.g. registry.k8s.io/pause:3.9)";
        String forbidden = firstForbidden(reference, IMAGE_CHARACTERS);
        if (forbidden != null) {
            return show(reference) + " contains " + forbidden + ", which cannot appear in " + what;
        }
        int slash = reference.indexOf('/');
        String domain = slash < 0 ? reference : reference.substring(0, slash);
        String rest = slash < 0 ? "" : reference.substring(slash + 1);
        if (slash < 0 && !repositoryOnly) {
            return show(reference) + " is not " + what + ": it needs a registry host and an image name";
        }
        boolean looksLikeRegistry = domain.contains(".") || domain.contains(":") || domain.equals("localhost");
        if (!looksLikeRegistry || registryHostProblem(domain) != null) {
            return show(reference) + " is not " + what + ": it must start with a registry host such as registry.k8s.io"
                    + " or 127.0.0.1:5000 (without one, containerd would look on docker.io)";
        }
        if (rest.isEmpty()) {
            return repositoryOnly ? null : show(reference) + " is not " + what + ": it names no image";
        }
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (repositoryOnly && (tag != null || digest != null)) {
            return show(reference) + " is not " + what + ": leave out the tag, kubeadm adds image names and tags to it";
        }
        for (String component : rest.split("/", -1)) {
            if (!IMAGE_PATH_COMPONENT.matcher(component).matches()) {
                return show(reference) + " is not " + what + ": path parts are lowercase letters and digits,"
                        + " separated by '.', '_' or '-', between single '/'";
            }
        }
        if (tag != null && !IMAGE_TAG.matcher(tag).matches()) {
            return show(reference) + " has an invalid tag " + show(tag) + ": letters, digits, '_', '.' and '-'";
        }
        if (digest != null && !IMAGE_DIGEST.matcher(digest).matches()) {
            return show(reference) + " has an invalid digest: write @sha256: and 64 lowercase hex digits";
        }
        if (!repositoryOnly && tag == null && digest == null) {
            return show(reference) + " has no tag: name the version, e.g. registry.k8s.io/pause:3.9 (without"
                    + " one, containerd would use :latest)";
        }
        return null;
    }

    private static String registryHostProblem(String domain) {
        String host = domain;
        String port = null;
        if (domain.startsWith("[")) {
            int close = domain.indexOf(']');
            if (close < 0 || IpAddresses.parseIpv6(domain.substring(1, close)) == null) {
                return "invalid";
            }
            String rest = domain.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return "invalid";
                }
                port = rest.substring(1);
            }
        } else {
            int colon = domain.indexOf(':');
            if (colon >= 0) {
                host = domain.substring(0, colon);
                port = domain.substring(colon + 1);
            }
            if (hostProblem(host).isPresent() || IpAddresses.parseIpv6(host) != null) {
                return "invalid";
            }
        }
        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535)) {
            return "invalid";
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    /** Describes the first character of {@code value} that {@code allowed} does not match, or null. */
    private static String firstForbidden(String value, Pattern allowed) {
        for (int i = 0; i < value.length(); i++) {
            String character = String.valueOf(value.charAt(i));
            if (!allowed.matcher(character).matches()) {
                char c = value.charAt(i);
                if (c == ' ') {
                    return "a space";
                }
                if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                    return "a control character";
                }
                return "'" + c + "'";
            }
        }
        return null;
    }

    private static String lowercaseHint(String value, Pattern pattern) {
        String lower = value.toLowerCase(Locale.ROOT);
        return !lower.equals(value) && pattern.matcher(lower).matches() ? "; did you mean " + show(lower) + "?" : "";
    }
}
