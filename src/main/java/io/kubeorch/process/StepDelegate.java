package io.kubeorch.process;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.steps.DecisionRequiredException;
import io.kubeorch.steps.NodeStep;
import io.kubeorch.steps.StepResult;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Runs a step from a service task: on the node of the per-node process ({@code nodeName}), or on
 * the first control plane in the install process. Facts become process variables (steps never
 * report secrets as facts); a failure an operator must decide on becomes a BPMN error, any other
 * failure is thrown so the engine retries it and then raises an incident.
 */
final class StepDelegate implements JavaDelegate {

    private final NodeStep step;
    private final InstallInventories inventories;
    private final StepRunner runner;
    private final InstallPolicy policy;

    StepDelegate(NodeStep step, InstallInventories inventories, StepRunner runner, InstallPolicy policy) {
        this.step = step;
        this.inventories = inventories;
        this.runner = runner;
        this.policy = policy;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String installId = (String) execution.getVariable(Variables.INSTALL_ID);
        Inventory inventory = inventories.of(installId);
        String nodeName = (String) execution.getVariable(Variables.NODE_NAME);
        Node node = nodeName != null ? inventory.requireNode(nodeName) : inventory.firstControlPlane();
        try {
            StepResult result = runner.run(step, installId, inventory, node,
                    policy.stepTimeout(execution.getVariableLocal(Variables.TIMEOUT)));
            result.facts().forEach(execution::setVariable);
        } catch (DecisionRequiredException e) {
            throw new BpmnError(e.errorCode(), node.name() + ": " + e.getMessage());
        }
    }
}
