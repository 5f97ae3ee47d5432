package io.kubeorch.steps;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * Removing a node: its Node object out of the API, with kubectl on a control plane (the others
 * first). Nothing to do when it is gone already. Runs {@code scripts/delete-node.sh}.
 */
@Component("deleteNode")
class DeleteNode extends ScriptStep {

    DeleteNode() {
        super("deleteNode", "delete-node.sh");
    }

    @Override
    public StepResult run(StepContext context) {
        RemoteCommand command = script().command(context.timeout()).env("NODE_NAME", context.node().name()).build();
        return toResult(ThroughControlPlanes.run(context, name(), script(), command,
                ThroughControlPlanes.candidates(context, true), "reach the API").output());
    }
}
