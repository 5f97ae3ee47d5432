package io.kubeorch.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubeorch.cluster.InventoryText.NodeEntry;
import io.kubeorch.inventory.InvalidInventoryException;
import io.kubeorch.inventory.InventoryError;

/**
 * The body of {@code POST /api/clusters/{name}/nodes}: {@code nodes}, a list in the inventory's node
 * format ({@code name}, {@code address}, {@code roles}), as YAML or JSON, read as strictly as an
 * inventory: any other key, a missing field or a value of the wrong type is an error naming its
 * field. Whether the values are valid for the cluster is the inventory's rules' to say, once the
 * nodes are in it.
 */
final class NodeAdditionRequest {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final Set<String> NODE_FIELDS = Set.of("name", "address", "roles");
    private static final String EXAMPLE = "e.g. {\"nodes\": [{\"name\": \"node03\", \"address\": \"192.168.1.13\","
            + " \"roles\": [\"worker\"]}]}";

    private NodeAdditionRequest() {
    }

    /** @throws InvalidInventoryException naming every field that is wrong */
    static List<NodeEntry> parse(String body) {
        List<InventoryError> errors = new ArrayList<>();
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : YAML.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInventoryException(List.of(new InventoryError("(document)",
                    "not YAML or JSON: " + e.getOriginalMessage() + "; " + EXAMPLE)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInventoryException(List.of(new InventoryError("(document)",
                    "give the nodes to add as a mapping with one key, nodes, " + EXAMPLE)));
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!key.equals("nodes")) {
                errors.add(new InventoryError(key, "unknown field '" + key + "': the body has one key, nodes"));
            }
        }
        JsonNode nodes = root.get("nodes");
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            errors.add(new InventoryError("nodes", "a list of at least one node is required, " + EXAMPLE));
            throw new InvalidInventoryException(errors);
        }
        List<NodeEntry> entries = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String field = "nodes[" + i + "]";
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                errors.add(new InventoryError(field, "a node is a mapping of name, address and roles, " + EXAMPLE));
                continue;
            }
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                if (!NODE_FIELDS.contains(key)) {
                    errors.add(new InventoryError(field + "." + key, "unknown field '" + key
                            + "': a node has name, address and roles"));
                }
            }
            String name = text(node, "name", field, errors);
            String address = text(node, "address", field, errors);
            List<String> roles = roles(node, field, errors);
            if (name != null && address != null && roles != null) {
                entries.add(new NodeEntry(name, address, roles));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInventoryException(errors);
        }
        return entries;
    }

    private static String text(JsonNode node, String key, String field, List<InventoryError> errors) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            errors.add(new InventoryError(field + "." + key, "required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new InventoryError(field + "." + key, "must be text (quote it)"));
            return null;
        }
        return value.asText();
    }

    private static List<String> roles(JsonNode node, String field, List<InventoryError> errors) {
        JsonNode value = node.get("roles");
        if (value == null || value.isNull()) {
            errors.add(new InventoryError(field + ".roles", "required: [control-plane], [worker], or [control-plane, worker]"));
            return null;
        }
        if (!value.isArray()) {
            errors.add(new InventoryError(field + ".roles", "must be a list, e.g. [worker]"));
            return null;
        }
        List<String> roles = new ArrayList<>();
        for (int r = 0; r < value.size(); r++) {
            if (!value.get(r).isTextual()) {
                errors.add(new InventoryError(field + ".roles[" + r + "]", "must be text: control-plane or worker"));
                return null;
            }
            roles.add(value.get(r).asText());
        }
        return roles;
    }
}
