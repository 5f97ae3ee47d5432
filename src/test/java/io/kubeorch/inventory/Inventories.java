package io.kubeorch.inventory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Inventories for tests, as mutable maps edited by field path and written as YAML. */
final class Inventories {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Inventories() {
    }

    /** The guide's three-node cluster, corrected, with only the fields that have no default. */
    static Map<String, Object> guideCluster() {
        Map<String, Object> inventory = new LinkedHashMap<>();
        inventory.put("name", "guide");
        inventory.put("ssh", map("privateKeyFile", "/etc/kubeorch/ssh/id_ed25519",
                "knownHostsFile", "/etc/kubeorch/ssh/known_hosts"));
        inventory.put("nodes", new ArrayList<>(List.of(
                node("master01", "192.168.1.1", "control-plane"),
                node("node01", "192.168.1.2", "worker"),
                node("node02", "192.168.1.3", "worker"))));
        return inventory;
    }

    /** What {@code lab up} writes: loopback hosts, the lab's mirror, key and known_hosts files. */
    static String labInventory() {
        return """
                name: lab
                kubernetes:
                  version: 1.28.2
                  podSubnet: 10.244.0.0/16
                  serviceSubnet: 10.96.0.0/12
                  imageRepository: 127.0.1.254:5000/google_containers
                containerd:
                  version: 1.6.22
                  sandboxImage: 127.0.1.254:5000/google_containers/pause:3.9
                  registryMirrors: []
                repositories:
                  containerd: http://127.0.1.254:8080/openeuler/24.03-LTS/everything/x86_64/
                  kubernetes: http://127.0.1.254:8080/kubernetes/core/stable/v1.28/rpm/
                network:
                  plugin: calico
                  version: v3.26.1
                  manifestUrl: http://127.0.1.254:8080/calico/v3.26.1/calico.yaml
                ssh:
                  user: root
                  port: 22
                  privateKeyFile: /tmp/lab-x1/id_ed25519
                  knownHostsFile: /tmp/lab-x1/known_hosts
                  sudo: false
                nodes:
                  - name: master01
                    address: 127.0.1.1
                    roles: [control-plane]
                  - name: node01
                    address: 127.0.1.2
                    roles: [worker]
                  - name: node02
                    address: 127.0.1.3
                    roles: [worker]
                """;
    }

    static Map<String, Object> node(String name, String address, String... roles) {
        return map("name", name, "address", address, "roles", new ArrayList<>(List.of(roles)));
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Sets {@code path} (e.g. {@code nodes[1].address}, {@code kubernetes.podSubnet}), creating mappings. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> set(Map<String, Object> inventory, String path, Object value) {
        Object container = inventory;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            Map<String, Object> map = (Map<String, Object>) container;
            if (bracket < 0) {
                if (last) {
                    map.put(key, value);
                } else {
                    container = map.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
                }
            } else {
                int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                List<Object> list = (List<Object>) map.get(key);
                if (last) {
                    list.set(index, value);
                } else {
                    container = list.get(index);
                }
            }
        }
        return inventory;
    }

    static String yaml(Map<String, Object> inventory) {
        try {
            return YAML.writeValueAsString(inventory);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Inventory parse(String yaml) {
        return new InventoryParser().parse(yaml);
    }

    static Inventory parse(Map<String, Object> inventory) {
        return parse(yaml(inventory));
    }

    static List<InventoryError> errors(String yaml) {
        List<InventoryError> errors = new ArrayList<>();
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(InvalidInventoryException.class, e -> errors.addAll(e.errors()));
        return errors;
    }

    static List<InventoryError> errors(Map<String, Object> inventory) {
        return errors(yaml(inventory));
    }

    /** The inventory with one change, e.g. {@code with("nodes[1].address", "192.168.1.1")}. */
    static Map<String, Object> guideClusterWith(String path, Object value) {
        return set(guideCluster(), path, value);
    }
}
