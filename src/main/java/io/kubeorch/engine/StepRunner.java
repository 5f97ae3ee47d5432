package io.kubeorch.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.function.Supplier;

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
 * does for a task, whether the task runs its step on one node or on every node at once. The node's
 * connection is opened when the step first runs a command on it: a step that works through other
 * nodes (the control planes that remain, when a node leaves) does not need its own node to answer.
 */
@Component
class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final StepConnections connections;
    private final StepInventories inventories;

    StepRunner(StepConnections connections, StepInventories inventories) {
        this.connections = connections;
        this.inventories = inventories;
    }

    /** What a task asks of its step: the operation, its inventory, the step's (scaled) timeout, and how to stop it. */
    record Call(String installId, Inventory inventory, Duration timeout, StepCancellation cancellation) {
    }

    /** @param nodeName the node of the task's process, null for the operation's own tasks */
    Call call(String installId, String nodeName, Duration timeout, StepCancellation cancellation) {
        return new Call(installId, inventories.of(installId, nodeName), timeout, cancellation);
    }

    StepResult run(NodeStep step, Call call, Node node) {
        long started = System.nanoTime();
        try (RemoteHost host = new OnFirstUse(node.name(), () -> call.cancellation()
                .register(connections.open(call.installId(), call.inventory(), node, step.name())));
                OtherHosts others = new OtherHosts(call, step.name())) {
            StepResult result = step.run(new StepContext(call.installId(), call.inventory(), node, host, others,
                    call.timeout()));
            log.info("install {} node {} step {}: {} in {} ms", call.installId(), node.name(), step.name(),
                    result.changed() ? "changed" : "unchanged", (System.nanoTime() - started) / 1_000_000);
            return result;
        }
    }

    /** The step's own node, connected when the step first runs a command there. */
    private static final class OnFirstUse implements RemoteHost {

        private final String nodeName;
        private final Supplier<RemoteHost> connect;
        private RemoteHost connected;

        OnFirstUse(String nodeName, Supplier<RemoteHost> connect) {
            this.nodeName = nodeName;
            this.connect = connect;
        }

        @Override
        public String nodeName() {
            return nodeName;
        }

        @Override
        public io.kubeorch.ssh.CommandResult run(io.kubeorch.ssh.RemoteCommand command) {
            if (connected == null) {
                connected = connect.get();
            }
            return connected.run(command);
        }

        @Override
        public boolean isOpen() {
            return connected == null || connected.isOpen();
        }

        @Override
        public void close() {
            if (connected != null) {
                connected.close();
            }
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
