package io.kubeorch.cluster;

import java.time.Instant;
import java.util.List;

/**
 * A day-2 operation as recorded: what was asked of which cluster, by whom, and the cluster's
 * inventory before it and as it leaves the cluster (the same for a teardown).
 *
 * @param nodes the nodes it is about: those to add (in the order given), the one to remove, or every node
 */
public record Operation(
        String id,
        String cluster,
        OperationKind kind,
        List<String> nodes,
        String inventoryBefore,
        String inventoryAfter,
        String processInstanceId,
        String requestedBy,
        Instant requestedAt) {

    public Operation {
        nodes = List.copyOf(nodes);
    }
}
