package io.kubeorch.web;

import java.time.Duration;

import io.kubeorch.cluster.OperationInventories;
import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.HostConnector;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.SshTargets;
import io.kubeorch.steps.NodeStep;
import io.kubeorch.steps.StepContext;
import io.kubeorch.steps.StepResult;
import org.springframework.context.ApplicationContext;

/**
 * Runs one of kubeorch's own step beans again, on a lab host, as the operation ran it (its id, the
 * inventory its node saw): for the proof that a step run twice changes nothing the second time.
 */
final class StepRerun {

    private final ApplicationContext context;

    StepRerun(ApplicationContext context) {
        this.context = context;
    }

    StepResult run(String step, String operationId, String nodeName) {
        Inventory inventory = context.getBean(OperationInventories.class).of(operationId).forNode(nodeName);
        HostConnector connector = context.getBean(HostConnector.class);
        SshTargets targets = context.getBean(SshTargets.class);
        Node node = inventory.requireNode(nodeName);
        try (RemoteHost host = connector.connect(targets.forNode(inventory.ssh(), node))) {
            return context.getBean(step, NodeStep.class).run(new StepContext(operationId, inventory, node, host,
                    other -> connector.connect(targets.forNode(inventory.ssh(), other)), Duration.ofMinutes(3)));
        }
    }
}
