package io.kubeorch.process;

import io.kubeorch.audit.CommandRecords;
import io.kubeorch.audit.RecordingRemoteHost;
import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.HostConnector;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.SshTargets;
import org.springframework.stereotype.Component;

/** Opens connections for a step: verified, and recording every command under the install and step. */
@Component
class StepConnections {

    private final HostConnector connector;
    private final SshTargets targets;
    private final CommandRecords records;

    StepConnections(HostConnector connector, SshTargets targets, CommandRecords records) {
        this.connector = connector;
        this.targets = targets;
        this.records = records;
    }

    RemoteHost open(String installId, Inventory inventory, Node node, String step) {
        RemoteHost host = connector.connect(targets.forNode(inventory.ssh(), node));
        return new RecordingRemoteHost(host, records, installId, step);
    }
}
