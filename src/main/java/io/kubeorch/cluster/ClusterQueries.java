package io.kubeorch.cluster;

import java.util.List;
import java.util.Optional;

import io.kubeorch.cluster.Clusters.KnownCluster;
import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.InventoryParser;
import org.springframework.stereotype.Service;

/** The clusters kubeorch knows, as the REST API shows them. */
@Service
public class ClusterQueries {

    private final Clusters clusters;
    private final OperationQueries operations;
    private final InventoryParser parser;

    ClusterQueries(Clusters clusters, OperationQueries operations, InventoryParser parser) {
        this.clusters = clusters;
        this.operations = operations;
        this.parser = parser;
    }

    public List<ClusterView.Summary> all() {
        return clusters.all().stream().map(cluster -> {
            Inventory inventory = parser.read(cluster.inventoryYaml());
            return new ClusterView.Summary(cluster.name(), cluster.state(), endpoint(inventory),
                    inventory.kubernetes().version(), inventory.nodes().size(), inventory.controlPlanes().size(),
                    cluster.updatedAt());
        }).toList();
    }

    public Optional<ClusterView> find(String name) {
        return clusters.find(name).map(cluster -> view(cluster, parser.read(cluster.inventoryYaml())));
    }

    private ClusterView view(KnownCluster cluster, Inventory inventory) {
        return new ClusterView(cluster.name(), cluster.state(), endpoint(inventory), inventory.kubernetes().version(),
                inventory.containerd().version(), inventory.network().plugin() + " " + inventory.network().version(),
                inventory.nodes().stream().map(node -> new ClusterView.NodeView(node.name(), node.address(),
                        node.roles().stream().map(Inventory.Role::label).toList())).toList(),
                cluster.inventoryYaml(), cluster.installedBy(), cluster.createdAt(), cluster.updatedAt(),
                cluster.removedAt(), operations.ofCluster(cluster.name()));
    }

    private static String endpoint(Inventory inventory) {
        return inventory.endpoint().map(Inventory.ControlPlaneEndpoint::hostPort)
                .orElse(inventory.firstControlPlane().address() + ":6443");
    }
}
