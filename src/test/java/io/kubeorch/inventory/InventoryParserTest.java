package io.kubeorch.inventory;

import static io.kubeorch.inventory.Inventories.guideCluster;
import static io.kubeorch.inventory.Inventories.labInventory;
import static io.kubeorch.inventory.Inventories.map;
import static io.kubeorch.inventory.Inventories.node;
import static io.kubeorch.inventory.Inventories.parse;
import static io.kubeorch.inventory.Inventories.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubeorch.inventory.Inventory.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryParserTest {

    @Test
    void aClusterThatExistsMayHaveAnEvenNumberOfControlPlanesThoughAnInstallMayNot() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "nodes", new ArrayList<>(List.of(node("master01", "192.168.1.1", "control-plane"),
                node("master02", "192.168.1.4", "control-plane"), node("node01", "192.168.1.2", "worker"))));
        String yaml = Inventories.yaml(inventory);

        assertThatThrownBy(() -> new InventoryParser().parse(yaml)).isInstanceOf(InvalidInventoryException.class)
                .hasMessageContaining("2 control planes");
        assertThat(new InventoryParser().read(yaml).controlPlanes()).hasSize(2);
        assertThat(new InventoryParser().parseChange(yaml).controlPlanes()).hasSize(2);
        assertThatThrownBy(() -> new InventoryParser().parseChange(yaml.replace("192.168.1.4", "192.168.1.2")))
                .isInstanceOf(InvalidInventoryException.class).hasMessageContaining("nodes[2].address: '192.168.1.2' is already used by nodes[1]");
    }

    @Test
    void documentedExampleParsesWithDefaultsApplied() throws IOException {
        Inventory inventory = new InventoryParser().parse(Files.readString(Path.of("docs/example-inventory.yaml")));

        assertThat(inventory.name()).isEqualTo("guide");
        assertThat(inventory.kubernetes().version()).isEqualTo("1.28.2");
        assertThat(inventory.kubernetes().podSubnet()).isEqualTo("10.244.0.0/16");
        assertThat(inventory.kubernetes().serviceSubnet()).isEqualTo("10.96.0.0/12");
        assertThat(inventory.kubernetes().imageRepository())
                .isEqualTo("registry.cn-hangzhou.aliyuncs.com/google_containers");
        assertThat(inventory.endpoint()).isEmpty();
        assertThat(inventory.containerd().version()).isEqualTo("1.6.22-16.oe2403sp1");
        assertThat(inventory.containerd().sandboxImage())
                .isEqualTo("registry.cn-hangzhou.aliyuncs.com/google_containers/pause:3.9");
        assertThat(inventory.containerd().registryMirrors()).isEmpty();
        assertThat(inventory.repositories().containerd()).isNull();
        assertThat(inventory.repositories().kubernetes()).isEqualTo("https://pkgs.k8s.io/core:/stable:/v1.28/rpm/");
        assertThat(inventory.network().manifestUrl())
                .isEqualTo("https://raw.githubusercontent.com/projectcalico/calico/v3.26.1/manifests/calico.yaml");
        assertThat(inventory.ssh().user()).isEqualTo("root");
        assertThat(inventory.ssh().sudo()).isFalse();
        assertThat(inventory.ssh().connectTimeoutSeconds()).isEqualTo(15);
        assertThat(inventory.ssh().acceptNewHostKeys()).isFalse();
        assertThat(inventory.nodes()).extracting(Inventory.Node::name).containsExactly("master01", "node01", "node02");
        assertThat(inventory.firstControlPlane().address()).isEqualTo("192.168.1.1");
        assertThat(inventory.workers()).extracting(Inventory.Node::name).containsExactly("node01", "node02");
    }

    @Test
    void documentedHighlyAvailableExampleParses() throws IOException {
        Inventory inventory = new InventoryParser().parse(Files.readString(Path.of("docs/example-ha-inventory.yaml")));

        assertThat(inventory.controlPlanes()).hasSize(3);
        assertThat(inventory.endpoint().orElseThrow().hostPort()).isEqualTo("production-api:6443");
        assertThat(inventory.endpoint().orElseThrow().mode()).isEqualTo(Inventory.EndpointMode.LOCAL_PROXY);
    }

    @Test
    void fieldsLeftOutGetTheCorrectedDefaults() {
        Inventory inventory = parse(guideCluster());

        assertThat(inventory.kubernetes()).isEqualTo(new Inventory.Kubernetes(
                "1.28.2", "10.244.0.0/16", "10.96.0.0/12", "registry.k8s.io"));
        assertThat(inventory.containerd()).isEqualTo(new Inventory.Containerd(
                "1.6.22", "registry.k8s.io/pause:3.9", List.of()));
        assertThat(inventory.repositories()).isEqualTo(new Inventory.Repositories(
                null, "https://pkgs.k8s.io/core:/stable:/v1.28/rpm/"));
        assertThat(inventory.network()).isEqualTo(new Inventory.Network("calico", "v3.26.1",
                "https://raw.githubusercontent.com/projectcalico/calico/v3.26.1/manifests/calico.yaml"));
        assertThat(inventory.ssh()).isEqualTo(new Inventory.SshSettings("root", 22,
                "/etc/kubeorch/ssh/id_ed25519", null, "/etc/kubeorch/ssh/known_hosts", false, false, null, null, 15));
    }

    @Test
    void derivedDefaultsFollowTheChosenVersionsAndImageRepository() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "kubernetes.version", "1.30.4");
        set(inventory, "kubernetes.imageRepository", "registry.example.com:5000/k8s");
        set(inventory, "network.version", "v3.27.0");

        Inventory parsed = parse(inventory);

        assertThat(parsed.containerd().sandboxImage()).isEqualTo("registry.example.com:5000/k8s/pause:3.9");
        assertThat(parsed.repositories().kubernetes()).isEqualTo("https://pkgs.k8s.io/core:/stable:/v1.30/rpm/");
        assertThat(parsed.network().manifestUrl())
                .isEqualTo("https://raw.githubusercontent.com/projectcalico/calico/v3.27.0/manifests/calico.yaml");
    }

    @Test
    void nonRootUserGetsSudoByDefault() {
        Inventory inventory = parse(set(guideCluster(), "ssh.user", "deploy"));

        assertThat(inventory.ssh().sudo()).isTrue();
    }

    @Test
    void labStyleInventoryOnLoopbackWithItsOwnMirrorIsAccepted() {
        Inventory inventory = parse(labInventory());

        assertThat(inventory.name()).isEqualTo("lab");
        assertThat(inventory.kubernetes().imageRepository()).isEqualTo("127.0.1.254:5000/google_containers");
        assertThat(inventory.containerd().sandboxImage()).isEqualTo("127.0.1.254:5000/google_containers/pause:3.9");
        assertThat(inventory.repositories().containerd())
                .isEqualTo("http://127.0.1.254:8080/openeuler/24.03-LTS/everything/x86_64/");
        assertThat(inventory.repositories().kubernetes())
                .isEqualTo("http://127.0.1.254:8080/kubernetes/core/stable/v1.28/rpm/");
        assertThat(inventory.network().manifestUrl()).isEqualTo("http://127.0.1.254:8080/calico/v3.26.1/calico.yaml");
        assertThat(inventory.nodes()).extracting(Inventory.Node::address)
                .containsExactly("127.0.1.1", "127.0.1.2", "127.0.1.3");
    }

    @Test
    void highlyAvailableClusterWithEndpointPasswordLoginAndJumpHostIsAccepted() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "controlPlaneEndpoint", map("mode", "external", "loadBalancer", "192.168.1.100"));
        set(inventory, "ssh", map("user", "deploy", "passwordEnv", "KUBEORCH_SSH_PASSWORD",
                "sudoPasswordEnv", "KUBEORCH_SUDO_PASSWORD", "acceptNewHostKeys", true, "knownHostsFile", "state/known_hosts",
                "jumpHost", "bastion.example.com:2222", "port", 2200, "connectTimeoutSeconds", 30));
        set(inventory, "containerd", map("registryMirrors", List.of("https://mirror.example.com")));
        set(inventory, "nodes", new ArrayList<>(List.of(
                node("master01", "192.168.1.1", "control-plane"),
                node("master02", "192.168.1.4", "control-plane"),
                node("master03", "master03.example.com", "control-plane", "worker"),
                node("node01", "fd00::21", "worker"))));

        Inventory parsed = parse(inventory);

        assertThat(parsed.controlPlanes()).extracting(Inventory.Node::name)
                .containsExactly("master01", "master02", "master03");
        assertThat(parsed.joiningControlPlanes()).extracting(Inventory.Node::name).containsExactly("master02", "master03");
        assertThat(parsed.requireNode("master03").roles()).containsExactly(Role.CONTROL_PLANE, Role.WORKER);
        assertThat(parsed.endpoint().orElseThrow().hostPort()).isEqualTo("guide-api:6443");
        assertThat(parsed.ssh()).isEqualTo(new Inventory.SshSettings("deploy", 2200, null, "KUBEORCH_SSH_PASSWORD",
                "state/known_hosts", true, true, "KUBEORCH_SUDO_PASSWORD", "bastion.example.com:2222", 30));
        assertThat(parsed.containerd().registryMirrors()).containsExactly("https://mirror.example.com");
    }

    @Test
    void ipv6SingleStackClusterIsAccepted() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "kubernetes.podSubnet", "fd00:10:244::/56");
        set(inventory, "kubernetes.serviceSubnet", "fd00:10:96::/112");
        set(inventory, "nodes[0].address", "fd00::1");
        set(inventory, "nodes[1].address", "fd00::2");
        set(inventory, "nodes[2].address", "fd00::3");

        assertThat(parse(inventory).kubernetes().podSubnet()).isEqualTo("fd00:10:244::/56");
    }

    @Test
    void anInstallsInventoryIsCheckedOnTheServerAStoredOneIsOnlyRead() throws IOException {
        String yaml = Files.readString(Path.of("docs/example-inventory.yaml"));
        List<String> checked = new ArrayList<>();
        InventoryParser parser = new InventoryParser(List.of(inventory -> {
            checked.add(inventory.name());
            return List.of(new InventoryError("nodes[1].address", "no host key"),
                    new InventoryError("ssh.privateKeyFile", "no such file"));
        }));

        assertThatThrownBy(() -> parser.parse(yaml)).isInstanceOfSatisfying(InvalidInventoryException.class,
                e -> assertThat(e.errors()).extracting(InventoryError::field)
                        .containsExactly("ssh.privateKeyFile", "nodes[1].address"));
        assertThat(checked).containsExactly("guide");

        assertThat(parser.read(yaml).name()).isEqualTo("guide");
        assertThat(checked).hasSize(1);
    }

    @Test
    void theServerIsCheckedOnlyOnceTheInventorysOwnRulesPass() {
        List<String> checked = new ArrayList<>();
        InventoryParser parser = new InventoryParser(List.of(inventory -> {
            checked.add(inventory.name());
            return List.of();
        }));

        assertThatThrownBy(() -> parser.parse("name: Not_A_Label\n")).isInstanceOf(InvalidInventoryException.class);
        assertThat(checked).isEmpty();
    }
}
