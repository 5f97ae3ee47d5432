package io.kubeorch.cluster;

import io.kubeorch.install.Installs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Keeps the record of the clusters kubeorch knows in step with what happened to them: an install
 * that completes makes its cluster known, and a day-2 operation changes the record once the cluster
 * has changed (its nodes joined, its node left, every node reset). Called in the transaction of the
 * process that gets there, so the record and the process move together.
 */
@Service
public class ClusterRecords {

    private static final Logger log = LoggerFactory.getLogger(ClusterRecords.class);

    private final Clusters clusters;
    private final Installs installs;
    private final OperationInventories inventories;

    ClusterRecords(Clusters clusters, Installs installs, OperationInventories inventories) {
        this.clusters = clusters;
        this.installs = installs;
        this.inventories = inventories;
    }

    /** The operation, an install or a day-2 one, got to the point where the cluster is as it leaves it. */
    public void changed(String operationId) {
        var install = installs.find(operationId);
        if (install.isPresent()) {
            clusters.installed(install.get().clusterName(), install.get().inventoryYaml(), operationId);
            log.info("install {}: cluster {} is known to kubeorch", operationId, install.get().clusterName());
            return;
        }
        Operation operation = inventories.of(operationId).operation();
        switch (operation.kind()) {
            case ADD_NODES, REMOVE_NODE -> clusters.changed(operation.cluster(), operation.inventoryAfter());
            case TEARDOWN -> clusters.removed(operation.cluster());
            case INSTALL -> throw new IllegalStateException("operation " + operationId + " is recorded as an install,"
                    + " but the install table has no such install");
        }
        log.info("{} {}: the record of cluster {} is up to date ({})", operation.kind().label(), operationId,
                operation.cluster(), String.join(", ", operation.nodes()));
    }
}
