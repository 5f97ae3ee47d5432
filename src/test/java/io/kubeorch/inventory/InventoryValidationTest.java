package io.kubeorch.inventory;

import static io.kubeorch.inventory.Inventories.errors;
import static io.kubeorch.inventory.Inventories.guideCluster;
import static io.kubeorch.inventory.Inventories.guideClusterWith;
import static io.kubeorch.inventory.Inventories.map;
import static io.kubeorch.inventory.Inventories.node;
import static io.kubeorch.inventory.Inventories.parse;
import static io.kubeorch.inventory.Inventories.set;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryValidationTest {

    /** The inventory is rejected with exactly one error, on {@code field}, mentioning every fragment. */
    private static void assertOnlyError(Map<String, Object> inventory, String field, String... fragments) {
        assertThat(errors(inventory)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.message()).contains(fragments);
        });
    }

    // ------------------------------------------------------------ cluster name

    @ParameterizedTest
    @ValueSource(strings = {"Guide", "guide_cluster", "-guide", "guide-", "a.b", ""})
    void clusterNameMustBeADnsLabel(String name) {
        assertOnlyError(guideClusterWith("name", name), "name", "is not a DNS label");
    }

    @Test
    void clusterNameIsRequired() {
        Map<String, Object> inventory = guideCluster();
        inventory.remove("name");

        assertOnlyError(inventory, "name", "required");
    }

    // ------------------------------------------------------------ kubernetes

    @ParameterizedTest
    @ValueSource(strings = {"1.28", "1.28.2.1", "latest", "01.28.2", "1.28.x"})
    void kubernetesVersionMustBeMajorMinorPatch(String version) {
        assertOnlyError(guideClusterWith("kubernetes.version", version), "kubernetes.version",
                "is not a Kubernetes release version", "e.g. 1.28.2");
    }

    @Test
    void kubernetesVersionWithLeadingVIsRejectedWithTheFix() {
        assertOnlyError(guideClusterWith("kubernetes.version", "v1.28.2"), "kubernetes.version",
                "without the leading 'v', e.g. 1.28.2");
    }

    @Test
    void unsupportedKubernetesMinorIsRejectedListingTheSupportedOnes() {
        assertOnlyError(guideClusterWith("kubernetes.version", "1.31.0"), "kubernetes.version",
                "Kubernetes 1.31 is not supported", "1.27, 1.28, 1.29, 1.30");
    }

    @Test
    void guidesCalicoDefaultPoolOverlappingTheNodeNetworkIsRejected() {
        assertOnlyError(guideClusterWith("kubernetes.podSubnet", "192.168.0.0/16"), "kubernetes.podSubnet",
                "192.168.0.0/16 contains the address of nodes[0] (master01) 192.168.1.1, nodes[1] (node01) 192.168.1.2,"
                        + " nodes[2] (node02) 192.168.1.3",
                "Calico's default pool 192.168.0.0/16 overlaps its node network 192.168.1.0/24",
                "e.g. 10.244.0.0/16");
    }

    @Test
    void serviceSubnetContainingANodeIsRejectedWithAFreeRangeSuggested() {
        Map<String, Object> inventory = guideClusterWith("kubernetes.serviceSubnet", "192.168.0.0/16");
        set(inventory, "nodes[2].address", "10.100.0.3");

        assertOnlyError(inventory, "kubernetes.serviceSubnet",
                "contains the address of nodes[0] (master01) 192.168.1.1, nodes[1] (node01) 192.168.1.2:",
                "e.g. 172.30.0.0/16");
    }

    @Test
    void subnetWithHostBitsSetIsRejectedWithTheNetworkAddressSuggested() {
        assertOnlyError(guideClusterWith("kubernetes.podSubnet", "10.244.1.0/16"), "kubernetes.podSubnet",
                "has host bits set", "did you mean 10.244.0.0/16?");
    }

    @Test
    void ipv6SubnetWithHostBitsSetIsRejectedWithTheNetworkAddressSuggested() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "kubernetes.podSubnet", "fd00:10:244::1/56");
        set(inventory, "kubernetes.serviceSubnet", "fd00:10:96::/112");

        assertOnlyError(inventory, "kubernetes.podSubnet", "did you mean fd00:10:244::/56?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.244.0.0", "10.244.0.0/33", "10.244.0/16", "256.0.0.0/8", "10.244.0.0/016",
            "fd00::/129", "10.244.0.0/16/8", "cluster"})
    void malformedCidrIsRejected(String cidr) {
        assertOnlyError(guideClusterWith("kubernetes.podSubnet", cidr), "kubernetes.podSubnet",
                "is not a network in CIDR notation", "e.g. 10.244.0.0/16");
    }

    @Test
    void overlappingPodAndServiceSubnetsAreRejected() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "kubernetes.podSubnet", "10.0.0.0/8");
        set(inventory, "kubernetes.serviceSubnet", "10.96.0.0/12");

        assertOnlyError(inventory, "kubernetes.serviceSubnet", "overlaps kubernetes.podSubnet 10.0.0.0/8");
    }

    @Test
    void podAndServiceSubnetsOfDifferentFamiliesAreRejected() {
        assertOnlyError(guideClusterWith("kubernetes.serviceSubnet", "fd00:10:96::/112"),
                "kubernetes.serviceSubnet", "single-stack");
    }

    @Test
    void podSubnetSmallerThanOneNodesRangeIsRejected() {
        assertOnlyError(guideClusterWith("kubernetes.podSubnet", "10.244.0.0/25"), "kubernetes.podSubnet",
                "too small", "/24 of pod addresses");
    }

    @Test
    void podSubnetWithoutRoomForEveryNodeIsRejected() {
        Map<String, Object> inventory = guideClusterWith("kubernetes.podSubnet", "10.244.0.0/23");
        List<Object> nodes = new ArrayList<>(List.of(node("master01", "192.168.1.1", "control-plane")));
        IntStream.rangeClosed(1, 2).forEach(i -> nodes.add(node("node0" + i, "192.168.1." + (i + 1), "worker")));
        set(inventory, "nodes", nodes);

        assertOnlyError(inventory, "kubernetes.podSubnet", "holds 2 per-node /24 ranges but the inventory has 3 nodes");
    }

    @Test
    void serviceSubnetLargerThanTheApiServerAcceptsIsRejected() {
        assertOnlyError(guideClusterWith("kubernetes.serviceSubnet", "10.96.0.0/11"), "kubernetes.serviceSubnet",
                "too large", "at most a /12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry.k8s.io/pause:3.9", "google_containers", "registry.k8s.io/Google",
            "registry.k8s.io//x", "https://registry.k8s.io", "registry.k8s.io:99999/x"})
    void imageRepositoryMustBeARegistryAndPathWithoutTag(String repository) {
        assertOnlyError(guideClusterWith("kubernetes.imageRepository", repository), "kubernetes.imageRepository",
                "is not an image repository");
    }

    @Test
    void invalidImageRepositoryIsReportedOnceNotAgainForTheDerivedSandboxImage() {
        assertThat(errors(guideClusterWith("kubernetes.imageRepository", "registry.example.com/Google")))
                .extracting(InventoryError::field).containsExactly("kubernetes.imageRepository");
    }

    @Test
    void theOldControlPlaneEndpointFieldIsRefusedNamingItsReplacement() {
        assertOnlyError(guideClusterWith("kubernetes.controlPlaneEndpoint", "192.168.1.100:6443"),
                "kubernetes.controlPlaneEndpoint", "is no longer read", "controlPlaneEndpoint: {mode: external,",
                "loadBalancer:", "{mode: kube-vip, vip:");
    }

    // ------------------------------------------------------------ controlPlaneEndpoint

    /** The guide's cluster with three control planes (192.168.1.1, .4, .5) and two workers. */
    static Map<String, Object> threeControlPlanes() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "nodes", new ArrayList<>(List.of(
                node("master01", "192.168.1.1", "control-plane"),
                node("master02", "192.168.1.4", "control-plane"),
                node("master03", "192.168.1.5", "control-plane"),
                node("node01", "192.168.1.2", "worker"),
                node("node02", "192.168.1.3", "worker"))));
        return inventory;
    }

    static Map<String, Object> kubeVip(Object... fields) {
        Map<String, Object> endpoint = map("mode", "kube-vip");
        endpoint.putAll(map(fields));
        return set(threeControlPlanes(), "controlPlaneEndpoint", endpoint);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void anEvenNumberOfControlPlanesIsRefusedWithTheQuorumReason(int count) {
        Map<String, Object> inventory = guideCluster();
        List<Object> nodes = new ArrayList<>();
        IntStream.rangeClosed(1, count).forEach(i -> nodes.add(node("master0" + i, "192.168.1." + (10 + i), "control-plane")));
        nodes.add(node("node01", "192.168.1.2", "worker"));
        set(inventory, "nodes", nodes);

        assertOnlyError(inventory, "nodes", count + " control planes (master01", "etcd works only while a majority",
                "use an odd number (1, 3 or 5)");
    }

    @Test
    void threeControlPlanesGetALocalProxyEndpointNamedAfterTheCluster() {
        Inventory inventory = parse(threeControlPlanes());

        assertThat(inventory.endpoint()).hasValueSatisfying(endpoint -> {
            assertThat(endpoint.name()).isEqualTo("guide-api");
            assertThat(endpoint.port()).isEqualTo(6443);
            assertThat(endpoint.mode()).isEqualTo(Inventory.EndpointMode.LOCAL_PROXY);
            assertThat(endpoint.vip()).isNull();
        });
        assertThat(inventory.endpoint().orElseThrow().hostPort()).isEqualTo("guide-api:6443");
    }

    @Test
    void oneControlPlaneWithoutTheSectionHasNoEndpoint() {
        Inventory inventory = parse(guideCluster());

        assertThat(inventory.endpoint()).isEmpty();
        assertThat(inventory.endpoint()).as("one control plane reached at its own address").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Guide-API", "api_server", "-api", "192.168.1.100", "api..example.com", "api.example.com."})
    void anEndpointNameThatIsNotADnsNameIsRefused(String name) {
        assertOnlyError(set(threeControlPlanes(), "controlPlaneEndpoint", map("name", name)),
                "controlPlaneEndpoint.name", "is not a valid DNS name");
    }

    @Test
    void anEndpointNamedLikeANodeIsRefused() {
        assertOnlyError(set(threeControlPlanes(), "controlPlaneEndpoint", map("name", "node01")),
                "controlPlaneEndpoint.name", "is also the name of nodes[3]");
    }

    @Test
    void aClusterNameTooLongForTheDefaultEndpointNameAsksForOne() {
        Map<String, Object> inventory = threeControlPlanes();
        set(inventory, "name", "c".repeat(62));

        assertOnlyError(inventory, "controlPlaneEndpoint.name", "required", "longer than a DNS label's 63 characters");
    }

    @Test
    void anUnknownModeIsRefusedListingTheModes() {
        assertOnlyError(set(threeControlPlanes(), "controlPlaneEndpoint", map("mode", "keepalived")),
                "controlPlaneEndpoint.mode", "unknown mode 'keepalived'", "local-proxy", "kube-vip", "external");
    }

    @Test
    void aLocalProxyOnAnotherPortIsRefused() {
        assertOnlyError(set(threeControlPlanes(), "controlPlaneEndpoint", map("port", 8443)),
                "controlPlaneEndpoint.port", "cannot be used in local-proxy mode");
    }

    @Test
    void aKubeVipEndpointWithAFreeAddressIsAccepted() {
        Map<String, Object> inventory = kubeVip("vip", "192.168.1.100");
        set(inventory, "kubernetes", map("imageRepository", "registry.example.com/k8s"));

        Inventory parsed = parse(inventory);

        assertThat(parsed.endpoint()).hasValueSatisfying(endpoint -> {
            assertThat(endpoint.mode()).isEqualTo(Inventory.EndpointMode.KUBE_VIP);
            assertThat(endpoint.vip()).isEqualTo("192.168.1.100");
            assertThat(endpoint.vipNetwork()).isEqualTo("192.168.1.0/24");
            assertThat(endpoint.vipInterface()).isNull();
            assertThat(endpoint.kubeVipImage()).isEqualTo("registry.example.com/k8s/kube-vip:v0.8.9");
        });
    }

    @Test
    void kubeVipFromTheDefaultRepositoryComesFromItsOwnRegistry() {
        assertThat(parse(kubeVip("vip", "192.168.1.100")).endpoint().orElseThrow().kubeVipImage())
                .isEqualTo("ghcr.io/kube-vip/kube-vip:v0.8.9");
    }

    @Test
    void aKubeVipEndpointWithoutAVipIsRefused() {
        assertOnlyError(kubeVip(), "controlPlaneEndpoint.vip", "required in kube-vip mode", "192.168.1.0/24",
                "e.g. 192.168.1.254");
    }

    @Test
    void aVipThatIsANodesAddressIsRefused() {
        assertOnlyError(kubeVip("vip", "192.168.1.4"), "controlPlaneEndpoint.vip",
                "is the address of nodes[1] (master02)");
    }

    @Test
    void aVipOutsideTheNodesNetworkIsRefused() {
        assertOnlyError(kubeVip("vip", "10.20.0.100"), "controlPlaneEndpoint.vip",
                "outside the control planes' network 192.168.1.0/24", "or set vipNetwork");
    }

    @Test
    void aVipOutsideAGivenNetworkIsRefusedAndOneInsideIsAccepted() {
        assertOnlyError(kubeVip("vip", "192.168.2.100", "vipNetwork", "192.168.0.0/23"), "controlPlaneEndpoint.vip",
                "outside the control planes' network 192.168.0.0/23");
        assertThat(parse(kubeVip("vip", "192.168.0.100", "vipNetwork", "192.168.0.0/23")).endpoint()).isPresent();
    }

    @Test
    void aVipNetworkWithoutAControlPlaneIsRefused() {
        assertOnlyError(kubeVip("vip", "10.1.0.100", "vipNetwork", "10.1.0.0/24"), "controlPlaneEndpoint.vipNetwork",
                "does not contain nodes[0] (master01)");
    }

    @Test
    void theNetworkOrBroadcastAddressIsNoVip() {
        assertOnlyError(kubeVip("vip", "192.168.1.255"), "controlPlaneEndpoint.vip", "broadcast address");
    }

    @Test
    void kubeVipWithKubernetes129IsRefusedForNow() {
        Map<String, Object> inventory = kubeVip("vip", "192.168.1.100");
        set(inventory, "kubernetes", map("version", "1.29.0"));

        assertOnlyError(inventory, "controlPlaneEndpoint.mode", "super-admin.conf", "kube-vip #684");
    }

    @Test
    void fieldsOfAnotherModeAreRefused() {
        assertOnlyError(set(threeControlPlanes(), "controlPlaneEndpoint", map("vip", "192.168.1.100")),
                "controlPlaneEndpoint.vip", "only used in kube-vip mode");
    }

    @Test
    void anExternalBalancerIsRequiredAndMustNotBeAControlPlane() {
        assertOnlyError(set(threeControlPlanes(), "controlPlaneEndpoint", map("mode", "external")),
                "controlPlaneEndpoint.loadBalancer", "required in external mode");
        assertOnlyError(set(threeControlPlanes(), "controlPlaneEndpoint", map("mode", "external",
                "loadBalancer", "192.168.1.4")), "controlPlaneEndpoint.loadBalancer", "control plane master02");
        Inventory parsed = parse(set(threeControlPlanes(), "controlPlaneEndpoint", map("mode", "external",
                "loadBalancer", "192.168.1.200", "port", 8443, "name", "api.example.com")));
        assertThat(parsed.endpoint().orElseThrow().hostPort()).isEqualTo("api.example.com:8443");
        assertThat(parsed.endpoint().orElseThrow().loadBalancer()).isEqualTo("192.168.1.200");
    }

    // ------------------------------------------------------------ containerd

    @ParameterizedTest
    @ValueSource(strings = {"1.6", "v1.6.22", "1.6.22-", "1.6.22-16.oe2403sp1.x86_64:1", "1.6.22 "})
    void containerdVersionMustBeAPackageVersion(String version) {
        assertOnlyError(guideClusterWith("containerd.version", version), "containerd.version",
                "is not a containerd package version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5.18", "2.0.0"})
    void containerdOutsideOneSixAndOneSevenIsRejected(String version) {
        assertOnlyError(guideClusterWith("containerd.version", version), "containerd.version", "1.6 and 1.7");
    }

    @Test
    void guidesStalePauseImageIsRejectedWithTheOneKubeadmWants() {
        assertOnlyError(guideClusterWith("containerd.sandboxImage", "registry.k8s.io/pause:3.6"),
                "containerd.sandboxImage", "is pause 3.6, but kubeadm 1.28 expects pause 3.9",
                "use registry.k8s.io/pause:3.9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pause:3.9", "registry.k8s.io/pause", "registry.k8s.io", "registry.k8s.io/pause:-3.9"})
    void sandboxImageMustBeATaggedRegistryImage(String image) {
        assertThat(errors(guideClusterWith("containerd.sandboxImage", image)))
                .singleElement().extracting(InventoryError::field).isEqualTo("containerd.sandboxImage");
    }

    @Test
    void duplicateOrEmptyRegistryMirrorsAreRejected() {
        List<String> mirrors = new ArrayList<>(List.of("https://mirror.example.com", "https://mirror.example.com"));
        mirrors.add(null);

        assertThat(errors(guideClusterWith("containerd.registryMirrors", mirrors)))
                .extracting(InventoryError::field)
                .containsExactly("containerd.registryMirrors[1]", "containerd.registryMirrors[2]");
    }

    // ------------------------------------------------------------ repositories and network

    @ParameterizedTest
    @ValueSource(strings = {"pkgs.k8s.io/core:/stable:/v1.28/rpm/", "ftp://mirror.example.com/k8s/",
            "file:///srv/repo", "https:///core/", "https://user:secret@mirror.example.com/k8s/",
            "https://mirror.example.com/k8s/?token=1", "https://mirror.example.com:0/", "http://[fd00::zz]/",
            "https://mirror.example.com/k%8/"})
    void repositoryUrlsMustBeAbsoluteHttpUrlsWithAHost(String url) {
        assertThat(errors(guideClusterWith("repositories.containerd", url)))
                .singleElement().extracting(InventoryError::field).isEqualTo("repositories.containerd");
    }

    @Test
    void urlCarryingCredentialsIsRejectedSayingSecretsDoNotBelongInTheInventory() {
        assertOnlyError(guideClusterWith("network.manifestUrl", "https://user:secret@mirror.example.com/calico.yaml"),
                "network.manifestUrl", "must not hold secrets");
    }

    @Test
    void kubernetesRepositoryForAnotherMinorVersionIsRejected() {
        Map<String, Object> inventory = guideClusterWith("kubernetes.version", "1.29.3");
        set(inventory, "repositories.kubernetes", "https://pkgs.k8s.io/core:/stable:/v1.28/rpm/");

        assertOnlyError(inventory, "repositories.kubernetes", "is the v1.28 package repository",
                "kubernetes.version is 1.29.x", "use https://pkgs.k8s.io/core:/stable:/v1.29/rpm/");
    }

    @Test
    void onlyCalicoIsSupportedAsNetworkPlugin() {
        assertOnlyError(guideClusterWith("network.plugin", "flannel"), "network.plugin",
                "the only network plugin kubeorch installs is calico");
    }

    @Test
    void calicoVersionWithoutTheLeadingVIsRejectedWithTheFix() {
        assertOnlyError(guideClusterWith("network.version", "3.26.1"), "network.version", "e.g. v3.26.1");
    }

    // ------------------------------------------------------------ ssh

    @ParameterizedTest
    @ValueSource(strings = {"Admin", "1admin", "ad min", "averyveryveryveryverylonglinuxusername"})
    void sshUserMustBeALinuxUserName(String user) {
        Map<String, Object> inventory = guideClusterWith("ssh.user", user);
        set(inventory, "ssh.sudo", true);

        assertOnlyError(inventory, "ssh.user", "is not a valid Linux user name");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void sshPortMustBeATcpPort(int port) {
        assertOnlyError(guideClusterWith("ssh.port", port), "ssh.port", "use 1-65535");
    }

    @Test
    void sshNeedsAKeyFileOrAPasswordVariable() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "ssh", map("knownHostsFile", "/etc/kubeorch/ssh/known_hosts"));

        assertOnlyError(inventory, "ssh", "no credentials", "ssh.privateKeyFile", "ssh.passwordEnv");
    }

    @Test
    void sshTakesOnlyOneWayToLogIn() {
        assertOnlyError(guideClusterWith("ssh.passwordEnv", "SSH_PASSWORD"), "ssh", "exactly one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1PASSWORD", "SSH-PASSWORD", "$SSH_PASSWORD", "hunter2!"})
    void passwordEnvMustNameAnEnvironmentVariable(String name) {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "ssh", map("passwordEnv", name, "knownHostsFile", "/etc/kubeorch/ssh/known_hosts"));

        assertOnlyError(inventory, "ssh.passwordEnv", "is not an environment variable name", "never holds the secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/kubeorch/", "/etc/kube orch/id", "keys/id;rm", ""})
    void keyFileMustBeAPathOnTheServer(String path) {
        assertOnlyError(guideClusterWith("ssh.privateKeyFile", path), "ssh.privateKeyFile",
                "absolute or relative to the directory kubeorch runs in");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id_ed25519", "keys/id_ed25519", "./state/known_hosts", "/etc/kubeorch/ssh/id_ed25519"})
    void serverPathsMayBeAbsoluteOrRelative(String path) {
        Map<String, Object> inventory = guideClusterWith("ssh.privateKeyFile", path);
        set(inventory, "ssh.knownHostsFile", path + ".known_hosts");

        assertThat(parse(inventory).ssh().privateKeyFile()).isEqualTo(path);
    }

    @Test
    void aHomeDirectoryTildeIsNotExpandedAndTheMessageSaysSo() {
        assertOnlyError(guideClusterWith("ssh.privateKeyFile", "~/.ssh/id_ed25519"), "ssh.privateKeyFile",
                "~ is not expanded");
    }

    @Test
    void knownHostsFileIsRequiredAlsoWhenNewHostKeysAreAccepted() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "ssh", map("privateKeyFile", "/etc/kubeorch/ssh/id_ed25519"));

        assertOnlyError(inventory, "ssh.knownHostsFile", "required", "never logs in to (and hands credentials to)"
                + " an impostor", "ssh.acceptNewHostKeys: true");

        set(inventory, "ssh.acceptNewHostKeys", true);
        assertOnlyError(inventory, "ssh.knownHostsFile", "required", "records each host's key");
    }

    @Test
    void nonRootUserWithoutSudoIsRejected() {
        Map<String, Object> inventory = guideClusterWith("ssh.user", "deploy");
        set(inventory, "ssh.sudo", false);

        assertOnlyError(inventory, "ssh.sudo", "is not root", "set sudo: true");
    }

    @Test
    void sudoPasswordWithoutSudoIsRejected() {
        assertOnlyError(guideClusterWith("ssh.sudoPasswordEnv", "SUDO_PASSWORD"), "ssh.sudoPasswordEnv",
                "only used with sudo: true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bastion.example.com:0", "fd00::1:22", "bastion..example.com", "user@bastion"})
    void jumpHostMustBeHostAndOptionalPort(String jumpHost) {
        assertThat(errors(guideClusterWith("ssh.jumpHost", jumpHost)))
                .singleElement().extracting(InventoryError::field).isEqualTo("ssh.jumpHost");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 301})
    void connectTimeoutMustBeSensible(int seconds) {
        assertOnlyError(guideClusterWith("ssh.connectTimeoutSeconds", seconds), "ssh.connectTimeoutSeconds", "1-300");
    }

    // ------------------------------------------------------------ nodes

    @Test
    void nodesAreRequired() {
        assertOnlyError(guideClusterWith("nodes", List.of()), "nodes", "at least one node is required");
    }

    @Test
    void moreThanFiveHundredNodesAreRejected() {
        Map<String, Object> inventory = guideClusterWith("kubernetes.podSubnet", "10.0.0.0/12");
        set(inventory, "kubernetes.serviceSubnet", "172.16.0.0/16");
        List<Object> nodes = new ArrayList<>();
        nodes.add(node("master01", "192.168.0.1", "control-plane"));
        IntStream.rangeClosed(1, 500).forEach(i ->
                nodes.add(node(String.format("node%03d", i), "192.168." + (1 + i / 250) + "." + (1 + i % 250), "worker")));
        set(inventory, "nodes", nodes);

        assertOnlyError(inventory, "nodes", "501 nodes", "at most 500");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Master01", "master_01", "master01.", "-master01", "a.very-long-node-name-that-goes-on.and-on.and-on.and-on.example.com"})
    void nodeNamesMustBeLowercaseHostNames(String name) {
        assertOnlyError(guideClusterWith("nodes[0].name", name), "nodes[0].name", "is not a valid node name");
    }

    @Test
    void uppercaseNodeNameGetsTheLowercaseSuggested() {
        assertOnlyError(guideClusterWith("nodes[0].name", "Master01"), "nodes[0].name", "did you mean 'master01'?");
    }

    @Test
    void duplicateNodeNameIsRejected() {
        assertOnlyError(guideClusterWith("nodes[2].name", "node01"), "nodes[2].name",
                "'node01' is already used by nodes[1]; every node needs its own name");
    }

    @Test
    void duplicateNodeAddressIsRejectedNamingTheNodeThatHasIt() {
        assertOnlyError(guideClusterWith("nodes[2].address", "192.168.1.2"), "nodes[2].address",
                "'192.168.1.2' is already used by nodes[1] (node01); every node needs its own address");
    }

    @Test
    void sameIpv6AddressWrittenDifferentlyIsStillADuplicate() {
        Map<String, Object> inventory = guideClusterWith("nodes[1].address", "fd00::2");
        set(inventory, "nodes[2].address", "fd00:0:0::0002");

        assertOnlyError(inventory, "nodes[2].address", "is already used by nodes[1] (node01)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.256", "192.168.01.2", "192.168.1", "0.0.0.0", "[fd00::1]", "node_01.lan",
            "fd00::1::2", "http://node01"})
    void nodeAddressMustBeAnIpAddressOrHostName(String address) {
        assertThat(errors(guideClusterWith("nodes[1].address", address)))
                .singleElement().extracting(InventoryError::field).isEqualTo("nodes[1].address");
    }

    @Test
    void nodeWithoutNameAddressOrRolesGetsOneErrorForEach() {
        assertThat(errors(guideClusterWith("nodes[1]", map())))
                .extracting(InventoryError::field)
                .containsExactly("nodes[1].name", "nodes[1].address", "nodes[1].roles");
    }

    @Test
    void rolesAreRequiredThereIsNoDefaultRole() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "nodes[1]", map("name", "node01", "address", "192.168.1.2"));

        assertOnlyError(inventory, "nodes[1].roles", "required");
    }

    @Test
    void unknownRoleIsRejectedWithTheModernNameForMaster() {
        assertOnlyError(guideClusterWith("nodes[0].roles", List.of("master")), "nodes[0].roles[0]",
                "unknown role 'master'", "roles are control-plane and worker", "old name of control-plane");
    }

    @Test
    void repeatedRoleIsRejected() {
        assertOnlyError(guideClusterWith("nodes[1].roles", List.of("worker", "worker")), "nodes[1].roles[1]",
                "listed twice");
    }

    @Test
    void clusterWithoutAControlPlaneIsRejected() {
        assertOnlyError(guideClusterWith("nodes[0].roles", List.of("worker")), "nodes",
                "no node has the control-plane role");
    }
}
