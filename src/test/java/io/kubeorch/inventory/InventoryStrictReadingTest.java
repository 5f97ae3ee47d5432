package io.kubeorch.inventory;

import static io.kubeorch.inventory.Inventories.errors;
import static io.kubeorch.inventory.Inventories.guideCluster;
import static io.kubeorch.inventory.Inventories.guideClusterWith;
import static io.kubeorch.inventory.Inventories.labInventory;
import static io.kubeorch.inventory.Inventories.set;
import static io.kubeorch.inventory.Inventories.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryStrictReadingTest {

    @Test
    void unknownTopLevelFieldIsRejectedByName() {
        List<InventoryError> errors = errors(yaml(guideCluster()) + "clusterName: guide\n");

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("clusterName");
            assertThat(error.message()).contains("unknown field 'clusterName'", "at the top level",
                    "name, kubernetes, controlPlaneEndpoint, containerd, repositories, network, ssh, nodes");
        });
    }

    @Test
    void misspeltNestedFieldIsRejectedWithItsPathAndASuggestion() {
        String yaml = labInventory().replace("    roles: [control-plane]", "    rol: [control-plane]");

        List<InventoryError> errors = errors(yaml);

        assertThat(errors).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo("nodes[0].rol");
            assertThat(error.message()).contains("unknown field 'rol'", "did you mean 'roles'?", "in nodes[0]");
        });
        assertThat(errors).anySatisfy(error -> assertThat(error.field()).isEqualTo("nodes[0].roles"));
    }

    @Test
    void unknownFieldsInEverySectionAreAllReported() {
        String yaml = labInventory()
                .replace("  podSubnet: 10.244.0.0/16", "  podSubnet: 10.244.0.0/16\n  podCidr: 10.244.0.0/16")
                .replace("  sudo: false", "  sudo: false\n  password: secret")
                .replace("  plugin: calico", "  plugin: calico\n  mtu: 1440")
                .replace("    address: 127.0.1.3", "    address: 127.0.1.3\n    labels: {zone: a}")
                .replace("    address: 127.0.1.1", "    address: 127.0.1.1\n    role: worker");

        assertThat(errors(yaml)).extracting(InventoryError::field).containsExactly(
                "kubernetes.podCidr", "network.mtu", "ssh.password", "nodes[0].role", "nodes[2].labels");
    }

    @Test
    void unquotedVersionThatYamlReadsAsANumberIsRejectedWithTheQuotingHint() {
        String yaml = labInventory().replace("  version: 1.6.22", "  version: 1.30");

        assertThat(errors(yaml)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("containerd.version");
            assertThat(error.message()).contains("must be text", "the number 1.30", "put it in quotes");
        });
    }

    @Test
    void wrongTypesAreRejectedWithTheirPaths() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "ssh.port", "22");
        set(inventory, "ssh.acceptNewHostKeys", "yes please");
        set(inventory, "nodes[1].roles", "worker");
        set(inventory, "nodes[2].name", 7);
        set(inventory, "kubernetes", List.of("1.28.2"));
        set(inventory, "containerd", Map.of("registryMirrors", "https://mirror.example.com"));

        List<InventoryError> errors = errors(inventory);

        // in the format's order (the test map has ssh and nodes before kubernetes and containerd)
        assertThat(errors).extracting(InventoryError::field).containsExactly(
                "kubernetes", "containerd.registryMirrors", "ssh.port", "ssh.acceptNewHostKeys",
                "nodes[1].roles", "nodes[2].name");
        assertThat(errors.get(0).message()).contains("must be a mapping", "version, podSubnet");
        assertThat(errors.get(1).message()).contains("must be a list");
        assertThat(errors.get(2).message()).contains("must be a whole number", "write it without quotes");
        assertThat(errors.get(3).message()).contains("must be true or false");
        assertThat(errors.get(4).message()).contains("must be a list", "write [worker]");
        assertThat(errors.get(5).message()).contains("must be text", "the number 7");
    }

    @Test
    void yamlBooleanWhereTextIsExpectedIsRejected() {
        String yaml = yaml(guideCluster()).replace("name: \"guide\"", "name: no");

        assertThat(errors(yaml)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("name");
            assertThat(error.message()).contains("the boolean false", "yes/no/on/off");
        });
    }

    @Test
    void sectionThatIsNotAMappingIsReportedOnceNotAlsoAsMissingFields() {
        Map<String, Object> inventory = set(guideCluster(), "nodes[1]", "node01");

        assertThat(errors(inventory)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("nodes[1]");
            assertThat(error.message()).contains("must be a mapping with the fields name, address, roles");
        });
    }

    @Test
    void duplicateKeyIsRejectedRatherThanTheLastOneWinning() {
        String yaml = labInventory().replace("name: lab\n", "name: lab\nname: prod\n");

        assertThat(errors(yaml)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("(document)");
            assertThat(error.message()).contains("line 2", "the key 'name' appears twice");
        });
    }

    @Test
    void yamlAliasesAreRejectedInsteadOfBeingReadAsTheirNames() {
        String yaml = labInventory().replace("address: 127.0.1.1", "address: &first 127.0.1.1")
                .replace("address: 127.0.1.2", "address: *first");

        assertThat(errors(yaml)).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo("nodes[1].address");
            assertThat(error.message()).contains("aliases (*first) are not supported");
        });
    }

    @Test
    void syntaxErrorIsReportedWithItsLine() {
        assertThat(errors("name: lab\nnodes: [\n")).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("(document)");
            assertThat(error.message()).contains("not valid YAML", "line");
        });
    }

    @Test
    void emptyOrNonMappingDocumentsAreRejected() {
        assertThat(errors("")).singleElement().extracting(InventoryError::message).asString().contains("empty");
        assertThat(errors("# nothing\n")).singleElement().extracting(InventoryError::message).asString()
                .contains("no content");
        assertThat(errors("- master01\n")).singleElement().extracting(InventoryError::message).asString()
                .contains("must be a mapping", "a list");
    }

    @Test
    void secondYamlDocumentIsRejected() {
        assertThat(errors(labInventory() + "---\nname: other\n")).singleElement()
                .extracting(InventoryError::message).asString().contains("single YAML document");
    }

    @Test
    void severalProblemsAreReportedAtOnceInTheFormatsOrder() {
        Map<String, Object> inventory = guideCluster();
        set(inventory, "name", "Guide Cluster");
        set(inventory, "kubernetes.podSubnet", "10.244.1.0/16");
        set(inventory, "network.plugin", "flannel");
        set(inventory, "nodes[1].address", "192.168.1.1");
        set(inventory, "nodes[2].roles", List.of("master"));

        assertThatThrownBy(() -> Inventories.parse(inventory))
                .isInstanceOfSatisfying(InvalidInventoryException.class, e -> {
                    assertThat(e.errors()).extracting(InventoryError::field).containsExactly(
                            "name", "kubernetes.podSubnet", "network.plugin", "nodes[1].address", "nodes[2].roles[0]");
                    assertThat(e.getMessage()).startsWith("The inventory has 5 problems:")
                            .contains("  - nodes[1].address: '192.168.1.1' is already used by nodes[0] (master01)");
                });
    }

    @Test
    void errorMessagesDoNotLetValuesForgeLines() {
        Map<String, Object> inventory = guideClusterWith("nodes[0].name", "master01\nnodes[9].name: fine");

        assertThat(errors(inventory)).singleElement().satisfies(error ->
                assertThat(error.message()).doesNotContain("\n").contains("master01\\nnodes[9]"));
    }

    @Test
    void hugeNumbersAreRejectedNotWrapped() {
        Map<String, Object> inventory = guideClusterWith("ssh.port", new BigDecimal("1e30").toBigInteger());

        assertThat(errors(inventory)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("ssh.port");
            assertThat(error.message()).contains("too large");
        });
    }
}
