package io.kubeorch.engine;

import io.kubeorch.cluster.OperationInventories;
import io.kubeorch.install.InstallInventories;
import io.kubeorch.install.InstallNotFoundException;
import io.kubeorch.inventory.Inventory;
import org.springframework.stereotype.Component;

/**
 * The inventory a step of an operation sees: an install's, or a day-2 operation's (the cluster as
 * the operation leaves it, the cluster before it for a node being removed), both by the id the
 * step's process carries ({@link io.kubeorch.model.Variables#INSTALL_ID}).
 */
@Component
class StepInventories {

    private final InstallInventories installs;
    private final OperationInventories operations;

    StepInventories(InstallInventories installs, OperationInventories operations) {
        this.installs = installs;
        this.operations = operations;
    }

    /** @param nodeName the node of the step's process, null for the operation's own tasks */
    Inventory of(String operationId, String nodeName) {
        try {
            return installs.of(operationId); // parsed once and kept: an install's steps ask no query
        } catch (InstallNotFoundException notAnInstall) {
            return operations.of(operationId).forNode(nodeName);
        }
    }
}
