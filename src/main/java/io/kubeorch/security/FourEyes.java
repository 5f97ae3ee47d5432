package io.kubeorch.security;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

import io.kubeorch.model.Roles;
import io.kubeorch.model.Variables;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.bpmn.behavior.MultiInstanceActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.springframework.stereotype.Component;

/**
 * Four-eyes, in the engine, for every user task of every process: the user who started an
 * operation can neither claim nor complete its tasks, and an approval that needs several approvers
 * ({@link ApprovalPolicy#getApprovers()}, a sequential multi-instance task) needs as many
 * different people. It is one more of the engine's command checks, which the engine asks before
 * any claim or completion ("may this user work on this task?") next to its authorization check:
 * Tasklist, {@code /engine-rest} and {@code /api} all meet it, and a refusal is an
 * {@link AuthorizationException}, a 403 in every API whose message Tasklist shows. (A task
 * listener would see the same moments, but the engine wraps what a listener throws, and every API
 * would answer 500.)
 *
 * <p>Who started the operation is its root process's {@link Variables#INITIATOR} (the start event's
 * {@code camunda:initiator}, or set by the code that started it), else the user the engine
 * recorded as its starter. Work without a signed-in user is kubeorch's own code, not a person's
 * decision, and passes.
 */
@Component
class FourEyes extends AbstractProcessEnginePlugin {

    private static final String TASK_WORK = "checkTaskWork";

    private final ApprovalPolicy policy;

    FourEyes(ApprovalPolicy policy) {
        this.policy = policy;
    }

    /** After the engine's own checkers are in place: the engine asks them all, in turn. */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.getCommandCheckers().add(checker());
    }

    /** The engine's checker interface has a check for every command (85); four-eyes is about one, work on a task. */
    private CommandChecker checker() {
        InvocationHandler onTaskWork = (proxy, method, arguments) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == arguments[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "four-eyes";
                };
            }
            if (method.getName().equals(TASK_WORK) && arguments.length == 1 && arguments[0] instanceof TaskEntity task) {
                check(task);
            }
            return null;
        };
        return (CommandChecker) Proxy.newProxyInstance(CommandChecker.class.getClassLoader(),
                new Class<?>[] {CommandChecker.class}, onTaskWork);
    }

    private void check(TaskEntity task) {
        CommandContext context = Context.getCommandContext();
        String person = context.getAuthenticatedUserId();
        if (person == null || task.getExecution() == null) {
            return;
        }
        context.runWithoutAuthorization(() -> {
            refuseIfNotAllowed(task, person);
            return null;
        });
    }

    private void refuseIfNotAllowed(TaskEntity task, String person) {
        ExecutionEntity execution = task.getExecution();
        HistoryService history = task.getProcessEngineServices().getHistoryService();
        if (policy.isFourEyes() && person.equals(initiator(execution, history))) {
            throw new FourEyesViolation("Four-eyes: " + person + " started this operation (" + operation(execution)
                    + "), so another operator must take \"" + task.getName() + "\": ask a colleague in "
                    + Roles.OPERATORS + " to claim it in Tasklist");
        }
        Set<String> earlier = earlierApprovers(task, execution, history);
        if (earlier.contains(person)) {
            throw new FourEyesViolation(person + " already approved \"" + task.getName() + "\" ("
                    + operation(execution) + "); the next approval must come from another operator ("
                    + earlier.size() + " of " + (earlier.size() + remaining(execution)) + " given so far)");
        }
    }

    /** The user who started the operation the task belongs to. */
    private static String initiator(ExecutionEntity execution, HistoryService history) {
        String root = execution.getRootProcessInstanceId();
        Object initiator = processInstance(execution, root).getVariable(Variables.INITIATOR);
        if (initiator != null) {
            return initiator.toString();
        }
        HistoricProcessInstance started = history.createHistoricProcessInstanceQuery().processInstanceId(root)
                .singleResult();
        return started == null ? null : started.getStartUserId();
    }

    private static ExecutionEntity processInstance(ExecutionEntity execution, String processInstanceId) {
        ExecutionEntity root = Context.getCommandContext().getExecutionManager().findExecutionById(processInstanceId);
        return root == null ? execution : root;
    }

    /**
     * Who completed the earlier instances of this task in its current multi-instance loop (the
     * approvals given so far), from the history and the user operation log. Empty outside a loop:
     * a decision taken again later (after a retry, say) may be taken by the same person.
     */
    private static Set<String> earlierApprovers(TaskEntity task, ExecutionEntity execution, HistoryService history) {
        if (!(execution.getActivity() != null && execution.getActivity().getFlowScope() instanceof ActivityImpl body
                && body.getActivityBehavior() instanceof MultiInstanceActivityBehavior)) {
            return Set.of();
        }
        String loop = execution.getParentActivityInstanceId();
        Set<String> approvers = new LinkedHashSet<>();
        for (HistoricActivityInstance done : history.createHistoricActivityInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).activityId(task.getTaskDefinitionKey()).finished().list()) {
            if (!loop.equals(done.getParentActivityInstanceId()) || done.getTaskId() == null
                    || done.getTaskId().equals(task.getId())) {
                continue;
            }
            history.createUserOperationLogQuery().taskId(done.getTaskId())
                    .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
                    .map(UserOperationLogEntry::getUserId).filter(user -> user != null).forEach(approvers::add);
        }
        return approvers;
    }

    /** How many approvals the loop still needs, this one included. */
    private static int remaining(ExecutionEntity execution) {
        Object total = execution.getVariable("nrOfInstances");
        Object done = execution.getVariable("nrOfCompletedInstances");
        return total instanceof Integer all && done instanceof Integer completed ? all - completed : 1;
    }

    private static String operation(ExecutionEntity execution) {
        ExecutionEntity root = processInstance(execution, execution.getRootProcessInstanceId());
        String name = root.getProcessDefinition() == null ? null : root.getProcessDefinition().getName();
        String key = root.getBusinessKey();
        return (name == null ? "process" : name) + (key == null ? "" : " " + key);
    }

    /** Refused by four-eyes: an authorization refusal, so that every API answers 403. */
    static final class FourEyesViolation extends AuthorizationException {
        FourEyesViolation(String message) {
            super(message);
        }
    }
}
