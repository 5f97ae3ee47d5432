package io.kubeorch.steps;

import java.util.Set;
import io.kubeorch.model.ErrorCodes;
import io.kubeorch.model.Variables;
import io.kubeorch.ssh.ScriptOutput;
import org.springframework.stereotype.Component;

/**
 * First control plane, before the approval: {@code kubeadm init phase preflight} with the rendered
 * configuration. Errors are an operator's decision ({@code PREFLIGHT_FAILED}); warnings are the fact
 * {@code preflightWarnings}. Skipped when the cluster is already initialized, which the fact
 * {@code initialized} tells the approval form. Runs
 * {@code scripts/run-preflight.sh}.
 */
@Component("runPreflight")
class RunPreflight extends ScriptStep {

    RunPreflight() {
        super("runPreflight", "run-preflight.sh");
    }

    @Override
    public Set<String> processVariables() {
        return Set.of(Variables.PREFLIGHT_WARNINGS, Variables.CLUSTER_INITIALIZED);
    }

    @Override
    protected StepResult result(StepContext context, ScriptOutput output) {
        String errors = output.fact("preflightErrors").strip();
        if (!errors.isEmpty()) {
            throw new DecisionRequiredException(ErrorCodes.PREFLIGHT_FAILED, "kubeadm preflight found errors on "
                    + context.node().name() + ":\n" + errors
                    + "\nFix them on the node (or reset it) and retry, or abort the install.");
        }
        return new StepResult(false, output.facts());
    }
}
