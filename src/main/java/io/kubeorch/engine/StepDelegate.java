package io.kubeorch.engine;

import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.model.Variables;
import io.kubeorch.steps.DecisionRequiredException;
import io.kubeorch.steps.NodeStep;
import io.kubeorch.steps.StepResult;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Runs a step from a service task: on the node of the per-node process ({@code nodeName}), or on
 * the first control plane in the install process. The facts the model reads become process
 * variables (steps never report secrets as facts); a failure an operator must decide on becomes a BPMN error, any other
 * failure is thrown so the engine retries it and then raises an incident.
 */
final class StepDelegate implements JavaDelegate {

    private final NodeStep step;
    private final StepRunner runner;

    StepDelegate(NodeStep step, StepRunner runner) {
        this.step = step;
        this.runner = runner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        StepRunner.Call call = runner.call(execution);
        String nodeName = (String) execution.getVariable(Variables.NODE_NAME);
        Node node = nodeName != null ? call.inventory().requireNode(nodeName) : call.inventory().firstControlPlane();
        try {
            StepResult result = runner.run(step, call, node);
            result.facts().forEach((fact, value) -> {
                if (step.processVariables().contains(fact)) {
                    execution.setVariable(fact, value);
                }
            });
        } catch (DecisionRequiredException e) {
            throw new BpmnError(e.errorCode(), node.name() + ": " + e.getMessage());
        }
    }
}
