package io.kubeorch.steps;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * A removal abandoned after a failed drain: the node takes pods again, with kubectl on a control
 * plane (the others first). Nothing to do when it is schedulable already. Runs
 * {@code scripts/uncordon-node.sh}.
 */
@Component("uncordonNode")
class UncordonNode extends ScriptStep {

    UncordonNode() {
        super("uncordonNode", "uncordon-node.sh");
    }

    @Override
    public StepResult run(StepContext context) {
        RemoteCommand command = script().command(context.timeout()).env("NODE_NAME", context.node().name()).build();
        return toResult(ThroughControlPlanes.run(context, name(), script(), command,
                ThroughControlPlanes.candidates(context, true), "reach the API").output());
    }
}
