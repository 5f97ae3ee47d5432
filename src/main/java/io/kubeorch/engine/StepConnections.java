package io.kubeorch.engine;

import io.kubeorch.audit.CommandRecords;
import io.kubeorch.audit.RecordingRemoteHost;
import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.monitoring.StepMetrics;
import io.kubeorch.ssh.HostConnector;
import io.kubeorch.ssh.KeptConnections;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.SshException;
import io.kubeorch.ssh.SshTargets;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * Opens connections for a step: verified, and recording every command under the install and step.
 * A node's connection is kept for its next step ({@link KeptConnections}); every command is still
 * a session of its own.
 */
@Component
class StepConnections {

    private final SshTargets targets;
    private final CommandRecords records;
    private final KeptConnections kept;
    private final EngineInstance instance;
    private final StepMetrics metrics;

    StepConnections(HostConnector connector, SshTargets targets, CommandRecords records, EngineInstance instance,
            StepMetrics metrics) {
        this.targets = targets;
        this.records = records;
        this.kept = new KeptConnections(connector);
        this.instance = instance;
        this.metrics = metrics;
    }

    /** @throws SshException when the node cannot be connected, its message naming the step */
    RemoteHost open(String installId, Inventory inventory, Node node, String step) {
        RemoteHost host;
        try {
            host = kept.connect(targets.forNode(inventory.ssh(), node));
        } catch (SshException e) {
            metrics.sshFailed(e.failure());
            throw e.inStep(step);
        }
        return new RecordingRemoteHost(host, records, installId, step, instance.id(), metrics);
    }

    @PreDestroy
    void closeKept() {
        kept.close();
    }
}
