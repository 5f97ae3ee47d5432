package io.kubeorch.process;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.inventory.InventoryParser;
import org.springframework.stereotype.Component;

/**
 * The parsed inventory of an install, for steps and for the process model's multi-instance
 * collections ({@code ${installInventories.workerNames(installId)}}): node lists come from the
 * stored inventory, not from process variables.
 */
@Component("installInventories")
public class InstallInventories {

    private final Installs installs;
    private final InventoryParser parser;
    // An install's inventory never changes once stored, so parsing it once is enough.
    private final Map<String, Inventory> parsed = new ConcurrentHashMap<>();

    InstallInventories(Installs installs, InventoryParser parser) {
        this.installs = installs;
        this.parser = parser;
    }

    public Inventory of(String installId) {
        return parsed.computeIfAbsent(installId, id -> parser.read(installs.find(id)
                .orElseThrow(() -> new IllegalStateException("install " + id + " is not recorded"))
                .inventoryYaml()));
    }

    public List<String> nodeNames(String installId) {
        return names(of(installId).nodes());
    }

    public List<String> joiningControlPlaneNames(String installId) {
        return names(of(installId).joiningControlPlanes());
    }

    public List<String> workerNames(String installId) {
        return names(of(installId).workers());
    }

    private static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).toList();
    }
}
