package io.kubeorch.steps;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.model.Variables;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.ScriptOutput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Guide steps 25-26, first control plane, read-only: facts {@code nodes} (name=Ready status, a line
 * each), {@code calicoNodesRunning}, {@code calicoControllersRunning} and {@code ready=true|false}.
 * The script looks again every second for up to {@code kubeorch.install.readiness-wait} (at most
 * half the step's timeout), so a cluster that becomes Ready is seen within a second; not ready by
 * then is not a failure: the process polls this step again on a timer. Runs
 * {@code scripts/check-cluster-ready.sh}.
 */
@Component("checkClusterReady")
class CheckClusterReady extends ScriptStep {

    private final Duration wait;

    @Autowired
    CheckClusterReady(@Value("${kubeorch.install.readiness-wait:PT30S}") String wait) {
        this(Duration.parse(wait));
    }

    CheckClusterReady(Duration wait) {
        super("checkClusterReady", "check-cluster-ready.sh");
        this.wait = wait;
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        Duration half = context.timeout().dividedBy(2);
        Duration bounded = wait.compareTo(half) < 0 ? wait : half;
        return command.env("EXPECTED_NODES", context.inventory().nodes().stream().map(Inventory.Node::name)
                .collect(Collectors.joining("\n")))
                .env("WAIT_SECONDS", Long.toString(bounded.toSeconds()));
    }

    @Override
    public Set<String> processVariables() {
        return Set.of(Variables.READY);
    }

    @Override
    protected StepResult result(StepContext context, ScriptOutput output) {
        return new StepResult(false, output.facts());
    }
}
