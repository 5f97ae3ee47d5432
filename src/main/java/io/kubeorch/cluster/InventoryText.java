package io.kubeorch.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * A cluster's inventory text with nodes added or taken out, every other field as it was. The
 * result is parsed again by the inventory's own rules before it is used. (Comments of the text the
 * install was started with do not survive the first change.)
 */
final class InventoryText {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private InventoryText() {
    }

    /** A node as the inventory's {@code nodes} list has it. */
    record NodeEntry(String name, String address, List<String> roles) {
    }

    static String withNodes(String inventoryYaml, Collection<NodeEntry> added) {
        ObjectNode inventory = read(inventoryYaml);
        ArrayNode nodes = inventory.withArray("nodes");
        for (NodeEntry node : added) {
            ObjectNode entry = nodes.addObject();
            entry.put("name", node.name());
            entry.put("address", node.address());
            ArrayNode roles = entry.putArray("roles");
            node.roles().forEach(roles::add);
        }
        return write(inventory);
    }

    static String withoutNode(String inventoryYaml, String nodeName) {
        ObjectNode inventory = read(inventoryYaml);
        ArrayNode nodes = inventory.withArray("nodes");
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodeName.equals(nodes.get(i).path("name").asText(null))) {
                nodes.remove(i);
            }
        }
        return write(inventory);
    }

    private static ObjectNode read(String yaml) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (!(tree instanceof ObjectNode inventory)) {
                throw new IllegalStateException("a recorded inventory is not a YAML mapping: it was accepted by an"
                        + " older kubeorch; install the cluster's record again from its inventory");
            }
            return inventory;
        } catch (IOException e) {
            throw new UncheckedIOException("a recorded inventory cannot be read", e);
        }
    }

    private static String write(ObjectNode inventory) {
        try {
            return YAML.writeValueAsString(inventory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
