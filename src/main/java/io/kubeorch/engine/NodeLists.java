package io.kubeorch.engine;

import java.util.List;

import io.kubeorch.install.InstallInventories;
import io.kubeorch.inventory.Inventory.Node;
import org.springframework.stereotype.Component;

/**
 * The node names the install's multi-instance activities loop over, from the recorded inventory
 * rather than from process variables: {@code ${nodeLists.workers(installId)}}. Public: the
 * model's expression language calls it by reflection.
 */
@Component("nodeLists")
public class NodeLists {

    private final InstallInventories inventories;

    NodeLists(InstallInventories inventories) {
        this.inventories = inventories;
    }

    public List<String> all(String installId) {
        return names(inventories.of(installId).nodes());
    }

    public List<String> joiningControlPlanes(String installId) {
        return names(inventories.of(installId).joiningControlPlanes());
    }

    public List<String> workers(String installId) {
        return names(inventories.of(installId).workers());
    }

    /** Every control plane when the cluster has an endpoint to point at them, else none. */
    public List<String> controlPlanesBehindEndpoint(String installId) {
        var inventory = inventories.of(installId);
        return inventory.endpoint().isPresent() ? names(inventory.controlPlanes()) : List.of();
    }

    private static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).toList();
    }
}
