package io.kubeorch.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.kubeorch.install.InstallInventories;
import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.steps.NodeStep;
import io.kubeorch.steps.StepContext;
import io.kubeorch.steps.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one step on one node over a recorded connection, and closes what it opened: what a worker
 * does for a task, whether the task runs its step on one node or on every node at once.
 */
@Component
class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final StepConnections connections;
    private final InstallInventories inventories;

    StepRunner(StepConnections connections, InstallInventories inventories) {
        this.connections = connections;
        this.inventories = inventories;
    }

    /** What a task asks of its step: the install, its inventory, the step's (scaled) timeout, and how to stop it. */
    record Call(String installId, Inventory inventory, Duration timeout, StepCancellation cancellation) {
    }

    Call call(String installId, Duration timeout, StepCancellation cancellation) {
        return new Call(installId, inventories.of(installId), timeout, cancellation);
    }

    StepResult run(NodeStep step, Call call, Node node) {
        long started = System.nanoTime();
        try (RemoteHost host = call.cancellation().register(connections.open(call.installId(), call.inventory(), node, step.name()));
                OtherHosts others = new OtherHosts(call, step.name())) {
            StepResult result = step.run(new StepContext(call.installId(), call.inventory(), node, host, others,
                    call.timeout()));
            log.info("install {} node {} step {}: {} in {} ms", call.installId(), node.name(), step.name(),
                    result.changed() ? "changed" : "unchanged", (System.nanoTime() - started) / 1_000_000);
            return result;
        }
    }

    /** Connections a step opens to other nodes, closed with the step's own. */
    private final class OtherHosts implements StepContext.Hosts, AutoCloseable {

        private final Call call;
        private final String step;
        private final List<RemoteHost> opened = new ArrayList<>();

        OtherHosts(Call call, String step) {
            this.call = call;
            this.step = step;
        }

        @Override
        public RemoteHost open(Node node) {
            RemoteHost host = call.cancellation().register(connections.open(call.installId(), call.inventory(), node, step));
            opened.add(host);
            return host;
        }

        @Override
        public void close() {
            opened.forEach(RemoteHost::close);
        }
    }
}
