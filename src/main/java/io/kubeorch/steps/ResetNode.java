package io.kubeorch.steps;

import org.springframework.stereotype.Component;

/** Recovery ("reset node and retry"): kubeadm reset -f and what it leaves behind. Runs {@code scripts/reset-node.sh}. */
@Component("resetNode")
class ResetNode extends ScriptStep {

    ResetNode() {
        super("resetNode", "reset-node.sh");
    }
}
