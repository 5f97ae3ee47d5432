package io.kubeorch.steps;

import java.util.Set;

/**
 * One step of the install on one node, named like its BPMN task. Plain Java over the SSH API:
 * testable without the engine. Must be idempotent: a second run changes nothing and succeeds.
 */
public interface NodeStep {

    /** The BPMN task id and bean name, e.g. {@code disableFirewall}. */
    String name();

    /**
     * Runs the step.
     *
     * @throws StepFailedException a failure worth retrying (the engine retries, then raises an incident)
     * @throws DecisionRequiredException a failure an operator must decide on (routed to a user task)
     * @throws io.kubeorch.ssh.SshException the node could not be reached, refused kubeorch, or the command did not
     *         finish; its message starts with a line naming the step, the node and what failed, then says what
     *         to fix, and its failure says whether retrying can help
     */
    StepResult run(StepContext context);

    /**
     * The facts of this step's result that the process model or a form reads (names from
     * {@link io.kubeorch.model.Variables}): only these become process variables. Every other fact
     * stays in the command record, so the engine's history does not fill with them.
     */
    default Set<String> processVariables() {
        return Set.of();
    }
}
