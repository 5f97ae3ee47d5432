package io.kubeorch.engine;

import java.time.Duration;

import io.kubeorch.install.InstallInventories;
import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.model.Variables;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.steps.NodeStep;
import io.kubeorch.steps.StepContext;
import io.kubeorch.steps.StepResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one step on one node over a recorded connection, and closes what it opened: what the step
 * delegates share, whether they run a step on one node or on every node at once.
 */
@Component
class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final StepConnections connections;
    private final InstallInventories inventories;
    private final InstallPolicy policy;

    StepRunner(StepConnections connections, InstallInventories inventories, InstallPolicy policy) {
        this.connections = connections;
        this.inventories = inventories;
        this.policy = policy;
    }

    /** What a service task asks of its step: the install, its inventory and the task's (scaled) timeout. */
    record Call(String installId, Inventory inventory, Duration timeout) {
    }

    Call call(DelegateExecution execution) {
        String installId = (String) execution.getVariable(Variables.INSTALL_ID);
        return new Call(installId, inventories.of(installId),
                policy.stepTimeout(execution.getVariableLocal(Variables.TIMEOUT)));
    }

    StepResult run(NodeStep step, Call call, Node node) {
        long started = System.nanoTime();
        try (RemoteHost host = connections.open(call.installId(), call.inventory(), node, step.name());
                OtherHosts others = new OtherHosts(call.installId(), call.inventory(), step.name())) {
            StepResult result = step.run(new StepContext(call.installId(), call.inventory(), node, host, others,
                    call.timeout()));
            log.info("install {} node {} step {}: {} in {} ms", call.installId(), node.name(), step.name(),
                    result.changed() ? "changed" : "unchanged", (System.nanoTime() - started) / 1_000_000);
            return result;
        }
    }

    /** Connections a step opens to other nodes, closed with the step's own. */
    private final class OtherHosts implements StepContext.Hosts, AutoCloseable {

        private final String installId;
        private final Inventory inventory;
        private final String step;
        private final java.util.List<RemoteHost> opened = new java.util.ArrayList<>();

        OtherHosts(String installId, Inventory inventory, String step) {
            this.installId = installId;
            this.inventory = inventory;
            this.step = step;
        }

        @Override
        public RemoteHost open(Node node) {
            RemoteHost host = connections.open(installId, inventory, node, step);
            opened.add(host);
            return host;
        }

        @Override
        public void close() {
            opened.forEach(RemoteHost::close);
        }
    }
}
