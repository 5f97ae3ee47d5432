package io.kubeorch.inventory;

import static io.kubeorch.inventory.Inventories.errors;
import static io.kubeorch.inventory.Inventories.guideCluster;
import static io.kubeorch.inventory.Inventories.set;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values from the inventory end up in commands on the hosts. They are quoted there as well, but
 * the validator is the first wall: no string field that reaches a host (or names a file or
 * variable on the kubeorch server) may carry shell metacharacters, whitespace or control characters.
 */
class ShellSafetyTest {

    /** A valid value for each such field, to which the attacks are appended. */
    private static final Map<String, String> FIELDS_AND_VALID_VALUES = Map.ofEntries(
            Map.entry("name", "guide"),
            Map.entry("kubernetes.version", "1.28.2"),
            Map.entry("kubernetes.podSubnet", "10.244.0.0/16"),
            Map.entry("kubernetes.serviceSubnet", "10.96.0.0/12"),
            Map.entry("kubernetes.imageRepository", "registry.k8s.io"),
            Map.entry("controlPlaneEndpoint.name", "guide-api"),
            Map.entry("controlPlaneEndpoint.vipInterface", "eth0"),
            Map.entry("controlPlaneEndpoint.kubeVipVersion", "v0.8.9"),
            Map.entry("containerd.version", "1.6.22-16.oe2403sp1"),
            Map.entry("containerd.sandboxImage", "registry.k8s.io/pause:3.9"),
            Map.entry("containerd.registryMirrors", "https://mirror.example.com/"),
            Map.entry("repositories.containerd", "http://127.0.1.254:8080/openeuler/24.03-LTS/everything/x86_64/"),
            Map.entry("repositories.kubernetes", "https://pkgs.k8s.io/core:/stable:/v1.28/rpm/"),
            Map.entry("network.plugin", "calico"),
            Map.entry("network.version", "v3.26.1"),
            Map.entry("network.manifestUrl", "https://raw.githubusercontent.com/projectcalico/calico/v3.26.1/manifests/calico.yaml"),
            Map.entry("ssh.user", "root"),
            Map.entry("ssh.privateKeyFile", "/etc/kubeorch/ssh/id_ed25519"),
            Map.entry("ssh.knownHostsFile", "/etc/kubeorch/ssh/known_hosts"),
            Map.entry("ssh.jumpHost", "bastion.example.com:22"),
            Map.entry("nodes[0].name", "master01"),
            Map.entry("nodes[0].address", "192.168.1.1"),
            Map.entry("nodes[1].roles", "worker"));

    private static final List<String> ATTACKS = List.of(
            "; reboot", "$(reboot)", "`reboot`", "|reboot", "&reboot", "&&reboot", ">/etc/passwd", "<x",
            "'", "\"", "\\", " x", "\tx", "\nreboot", "\r", "*", "?", "{a,b}", "#", "!1", "~root", "\u0000",
            "${IFS}", "\u00a0x", "\u202ex");

    static Stream<Arguments> everyFieldWithEveryAttack() {
        return FIELDS_AND_VALID_VALUES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .flatMap(field -> ATTACKS.stream().flatMap(attack -> Stream.of(
                        Arguments.of(field.getKey(), field.getValue() + attack),
                        Arguments.of(field.getKey(), attack + field.getValue()))));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everyFieldWithEveryAttack")
    void shellMetacharactersAreRejectedInEveryFieldThatReachesAHost(String field, String value) {
        Map<String, Object> inventory = guideCluster();
        if (field.startsWith("controlPlaneEndpoint.vipInterface") || field.startsWith("controlPlaneEndpoint.kubeVip")) {
            set(inventory, "controlPlaneEndpoint", new java.util.LinkedHashMap<>(Map.of("mode", "kube-vip",
                    "vip", "192.168.1.100")));
        }
        if (field.equals("ssh.jumpHost")) {
            set(inventory, "ssh.acceptNewHostKeys", true);
        }
        if (field.equals("containerd.registryMirrors")) {
            set(inventory, field, List.of(value));
            field = field + "[0]";
        } else if (field.equals("nodes[1].roles")) {
            set(inventory, field, List.of(value));
            field = field + "[0]";
        } else {
            set(inventory, field, value);
        }

        String expectedField = field;
        assertThat(errors(inventory)).extracting(InventoryError::field).contains(expectedField);
    }

    static Stream<Arguments> environmentVariableFields() {
        return Stream.of("ssh.passwordEnv", "ssh.sudoPasswordEnv")
                .flatMap(field -> ATTACKS.stream().map(attack -> Arguments.of(field, "SSH_PASSWORD" + attack)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("environmentVariableFields")
    void environmentVariableNamesAdmitNoShellSyntax(String field, String value) {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "ssh.user", "deploy");
        set(inventory, field, value);

        assertThat(errors(inventory)).extracting(InventoryError::field).contains(field);
    }
}
