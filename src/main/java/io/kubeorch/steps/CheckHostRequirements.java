package io.kubeorch.steps;

import java.util.List;

import io.kubeorch.model.ErrorCodes;
import io.kubeorch.ssh.ScriptOutput;
import org.springframework.stereotype.Component;

/**
 * Read-only, before anything changes on any node: the operating system, CPUs and memory. A host
 * that cannot run its role is {@code HOST_UNFIT}, an operator's decision. Runs
 * {@code scripts/check-host-requirements.sh}.
 */
@Component("checkHostRequirements")
class CheckHostRequirements extends ScriptStep implements HostCheck {

    CheckHostRequirements() {
        super("checkHostRequirements", "check-host-requirements.sh");
    }

    @Override
    protected StepResult result(StepContext context, ScriptOutput output) {
        String node = context.node().name();
        List<String> problems = HostRequirements.problems(context.node().isControlPlane(),
                output.fact("osId"), output.fact("osVersion"), output.fact("osName"),
                number(output, "cpus", node), number(output, "memoryMb", node));
        if (!problems.isEmpty()) {
            throw new DecisionRequiredException(ErrorCodes.HOST_UNFIT, "host " + node + " (" + context.node().address()
                    + ") cannot be a " + (context.node().isControlPlane() ? "control plane" : "worker") + ": "
                    + String.join("; ", problems)
                    + ". Give the host what it lacks (or replace it in the inventory), then retry; or abort.");
        }
        return toResult(output);
    }

    private static int number(ScriptOutput output, String fact, String node) {
        try {
            return Integer.parseInt(output.fact(fact).strip());
        } catch (NumberFormatException e) {
            throw new StepFailedException("checkHostRequirements on " + node + " could not read " + fact
                    + " (got '" + output.fact(fact) + "'): are nproc and free installed?");
        }
    }
}
