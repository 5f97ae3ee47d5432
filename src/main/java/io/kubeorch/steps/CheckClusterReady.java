package io.kubeorch.steps;

import java.time.Duration;
import java.util.stream.Collectors;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * Guide steps 25-26, first control plane, read-only: facts {@code nodes} (name=Ready status, a line
 * each), {@code calicoNodesRunning}, {@code calicoControllersRunning} and {@code ready=true|false}.
 * Not ready yet is not a failure: the process polls this step on a timer. Runs
 * {@code scripts/check-cluster-ready.sh}.
 */
@Component("checkClusterReady")
class CheckClusterReady extends ScriptStep {

    CheckClusterReady() {
        super("checkClusterReady", "check-cluster-ready.sh", Duration.ofMinutes(1));
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("EXPECTED_NODES", context.inventory().nodes().stream().map(Inventory.Node::name)
                .collect(Collectors.joining("\n")));
    }

    @Override
    protected StepResult result(StepContext context, ScriptOutput output) {
        return new StepResult(false, output.facts());
    }
}
