package io.kubeorch.steps;

import java.time.Duration;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.RemoteHost;

/**
 * What a step works with: the install, its node and an open (recorded) connection to it. Steps that
 * need another node, such as a join that fetches its token from the control plane, open it through
 * {@link #hosts()}.
 *
 * @param timeout the step's timeout from the process model; each command gets at most this long
 */
public record StepContext(
        String installId,
        Inventory inventory,
        Node node,
        RemoteHost host,
        Hosts hosts,
        Duration timeout) {

    /** Opens recorded connections to other nodes of the same install, for the same step. */
    public interface Hosts {
        RemoteHost open(Node node);
    }
}
