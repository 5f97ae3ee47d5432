package io.kubeorch.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kubeorch.model.ErrorCodes;
import io.kubeorch.model.StepProperties;
import io.kubeorch.model.Topics;
import io.kubeorch.steps.HostCheck;
import io.kubeorch.steps.NodeStep;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * What the model says about each step's task: which step bean runs it (the task's id), on which
 * nodes (its topic), its timeout, its retry cycle, and whether a host out of reach is an operator's
 * decision there. Read from the deployed model once per
 * process definition and task, so these facts live in the model alone and never become variables.
 */
@Component
class StepSpecs {

    /**
     * A step as its task in the model describes it.
     *
     * @param decidesOnUnreachableHost the task catches {@link ErrorCodes#HOST_UNREACHABLE}: a host that
     *        stays out of reach through the retries goes to an operator's decision, not an incident
     */
    record Spec(String activityId, NodeStep step, boolean onEveryNode, Duration timeout, RetrySchedule retries,
            boolean decidesOnUnreachableHost) {
    }

    /** The model and the code disagree: no retry can fix it, a new release must. */
    static final class ModelMismatchException extends RuntimeException {
        ModelMismatchException(String message) {
            super(message);
        }
    }

    private final Map<String, NodeStep> steps;
    private final RepositoryService repository;
    private final ProcessEngineConfigurationImpl engine;
    private final InstallPolicy policy;
    private final Map<String, Spec> known = new ConcurrentHashMap<>();

    StepSpecs(List<NodeStep> steps, RepositoryService repository, ProcessEngineConfigurationImpl engine,
            InstallPolicy policy) {
        this.steps = steps.stream().collect(Collectors.toUnmodifiableMap(NodeStep::name, Function.identity()));
        this.repository = repository;
        this.engine = engine;
        this.policy = policy;
    }

    /** @throws ModelMismatchException when the task names no step, or a step that cannot run on its topic */
    Spec of(String processDefinitionId, String activityId, String topic) {
        return known.computeIfAbsent(processDefinitionId + "/" + activityId, key -> read(processDefinitionId, activityId, topic));
    }

    private Spec read(String processDefinitionId, String activityId, String topic) {
        NodeStep step = steps.get(activityId);
        if (step == null) {
            throw new ModelMismatchException("task " + activityId + " of " + processDefinitionId
                    + " names no step of this kubeorch: deploy the models of the release that runs");
        }
        boolean onEveryNode = Topics.HOST_CHECK.equals(topic);
        if (onEveryNode && !(step instanceof HostCheck)) {
            throw new ModelMismatchException("task " + activityId + " asks to run on every node at once, but "
                    + activityId + " changes hosts and runs only in a node's own process");
        }
        ServiceTask task = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
        String timeout = property(task, StepProperties.TIMEOUT);
        if (timeout == null) {
            throw new ModelMismatchException("task " + activityId + " of " + processDefinitionId + " has no "
                    + StepProperties.TIMEOUT + " property: every step's timeout is in its model (camunda:property)");
        }
        return new Spec(activityId, step, onEveryNode, policy.stepTimeout(timeout),
                RetrySchedule.parse(evaluate(retryCycle(task))), catches(task, ErrorCodes.HOST_UNREACHABLE));
    }

    private static boolean catches(ServiceTask task, String errorCode) {
        return task.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
                .filter(boundary -> boundary.getAttachedTo() == task)
                .flatMap(boundary -> boundary.getEventDefinitions().stream())
                .anyMatch(definition -> definition instanceof ErrorEventDefinition error && error.getError() != null
                        && errorCode.equals(error.getError().getErrorCode()));
    }

    private static String property(ServiceTask task, String name) {
        if (task.getExtensionElements() == null) {
            return null;
        }
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .filter(property -> name.equals(property.getCamundaName()))
                .map(CamundaProperty::getCamundaValue).findFirst().orElse(null);
    }

    private String retryCycle(ServiceTask task) {
        if (task.getExtensionElements() != null) {
            var cycles = task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list();
            if (!cycles.isEmpty()) {
                return cycles.get(0).getTextContent();
            }
        }
        return policy.getRetryCycle();
    }

    /** The cycle may be an expression such as {@code ${installPolicy.retryCycle}}, as the engine allows for jobs. */
    private String evaluate(String cycle) {
        if (!cycle.contains("${")) {
            return cycle;
        }
        Command<Object> evaluation = context -> engine.getExpressionManager().createExpression(cycle)
                .getValue(StartProcessVariableScope.getSharedInstance());
        return String.valueOf(engine.getCommandExecutorTxRequired().execute(evaluation));
    }
}
