package io.kubeorch.engine;

import java.util.List;

import io.kubeorch.cluster.OperationInventories;
import io.kubeorch.cluster.OperationInventories.Parsed;
import io.kubeorch.inventory.Inventory.Node;
import org.springframework.stereotype.Component;

/**
 * The node names the day-2 processes' multi-instance activities loop over, from the recorded
 * operation rather than from process variables: {@code ${clusterNodeLists.joiningWorkers(installId)}}.
 * Public: the model's expression language calls it by reflection.
 */
@Component("clusterNodeLists")
public class ClusterNodeLists {

    private final OperationInventories operations;

    ClusterNodeLists(OperationInventories operations) {
        this.operations = operations;
    }

    /** The nodes an addition joins, as the request named them. */
    public List<String> newNodes(String operationId) {
        return operations.of(operationId).operation().nodes();
    }

    /** The control planes an addition joins, in the cluster's order: they join one at a time. */
    public List<String> joiningControlPlanes(String operationId) {
        Parsed parsed = operations.of(operationId);
        return names(parsed.after().controlPlanes().stream().filter(node -> about(parsed, node)).toList());
    }

    public List<String> joiningWorkers(String operationId) {
        Parsed parsed = operations.of(operationId);
        return names(parsed.after().workers().stream().filter(node -> about(parsed, node)).toList());
    }

    /**
     * Every node the operation leaves in the cluster: each one's hosts file names the nodes that now
     * run, and its endpoint follows the control planes (unchanged where neither changed).
     */
    public List<String> nodesToUpdate(String operationId) {
        return names(operations.of(operationId).after().nodes());
    }

    /** A teardown's workers, reset in parallel. */
    public List<String> workers(String operationId) {
        return names(operations.of(operationId).before().workers());
    }

    /** A teardown's control planes, reset one at a time. */
    public List<String> controlPlanes(String operationId) {
        return names(operations.of(operationId).before().controlPlanes());
    }

    private static boolean about(Parsed parsed, Node node) {
        return parsed.operation().nodes().contains(node.name());
    }

    private static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).toList();
    }
}
