package io.kubeorch.process;

import java.time.Duration;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.steps.NodeStep;
import io.kubeorch.steps.StepContext;
import io.kubeorch.steps.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs one step on one node over a recorded connection, and closes what it opened. */
@Component
class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final StepConnections connections;

    StepRunner(StepConnections connections) {
        this.connections = connections;
    }

    StepResult run(NodeStep step, String installId, Inventory inventory, Node node, Duration timeout) {
        long started = System.nanoTime();
        try (RemoteHost host = connections.open(installId, inventory, node, step.name());
                OtherHosts others = new OtherHosts(installId, inventory, step.name())) {
            StepResult result = step.run(new StepContext(installId, inventory, node, host, others, timeout));
            log.info("install {} node {} step {}: {} in {} ms", installId, node.name(), step.name(),
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
