package io.kubeorch.install;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kubeorch.model.DecisionTask;
import io.kubeorch.model.UserTasks;
import io.kubeorch.model.Variables;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Completes an operation's operator tasks the way Tasklist does, as the calling user: the engine's
 * history records who approved, rejected or decided, and the comment stays with the task. An
 * install's are found by its id; any operation's ({@link #approveIn}, {@link #decideIn}) by its
 * root process.
 */
@Service
public class Approvals {

    private final Installs installs;
    private final TaskService tasks;

    Approvals(Installs installs, TaskService tasks) {
        this.installs = installs;
        this.tasks = tasks;
    }

    /**
     * @throws InstallNotFoundException when there is no such install
     * @throws IllegalStateException when the install does not wait for an approval
     */
    public void approve(String installId, boolean approved, String comment) {
        approveIn(processOf(installId), "install " + installId, "/api/installs/" + installId, approved, comment);
    }

    /**
     * Approves or rejects what the operation whose root process is {@code processInstanceId} waits for.
     *
     * @param operation how messages name it ({@code operation <id>}), {@code path} where its state is read
     * @throws IllegalStateException when it does not wait for an approval
     */
    public void approveIn(String processInstanceId, String operation, String path, boolean approved, String comment) {
        Task task = openTasks(processInstanceId).stream()
                .filter(t -> UserTasks.APPROVALS.contains(t.getTaskDefinitionKey())).findFirst()
                .orElseThrow(() -> new IllegalStateException(operation + " does not wait for an approval: GET " + path
                        + " says what it waits for"));
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.APPROVED, approved);
        variables.put(Variables.APPROVAL_COMMENT, comment == null ? "" : comment);
        complete(task, comment, variables);
    }

    /**
     * @param decision one of the choices of the decision the install waits for ({@link DecisionTask#choices()})
     * @throws InstallNotFoundException when there is no such install
     * @throws IllegalStateException when the install does not wait for a decision
     * @throws IllegalArgumentException when the decision is not one of the waiting task's choices
     */
    public void decide(String installId, String decision, String comment) {
        decideIn(processOf(installId), "install " + installId, "/api/installs/" + installId, decision, comment);
    }

    /**
     * Decides what the operation whose root process is {@code processInstanceId} waits for.
     *
     * @param operation how messages name it ({@code operation <id>}), {@code path} where its state is read
     * @throws IllegalStateException when it does not wait for a decision
     * @throws IllegalArgumentException when the decision is not one of the waiting task's choices
     */
    public void decideIn(String processInstanceId, String operation, String path, String decision, String comment) {
        Task task = null;
        DecisionTask kind = null;
        for (Task open : openTasks(processInstanceId)) {
            var found = DecisionTask.ofTask(open.getTaskDefinitionKey());
            if (found.isPresent()) {
                task = open;
                kind = found.get();
                break;
            }
        }
        if (task == null) {
            throw new IllegalStateException(operation + " does not wait for a decision: GET " + path
                    + " says what it waits for");
        }
        if (decision == null || !kind.choices().contains(decision)) {
            throw new IllegalArgumentException("decision: '" + (decision == null ? "" : decision) + "' is not a choice of \""
                    + task.getName() + "\"; choose one of " + String.join(", ", kind.choices()));
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.DECISION, decision);
        variables.put(Variables.DECISION_COMMENT, comment == null ? "" : comment);
        complete(task, comment, variables);
    }

    private String processOf(String installId) {
        return installs.find(installId).orElseThrow(() -> new InstallNotFoundException(installId)).processInstanceId();
    }

    private List<Task> openTasks(String processInstanceId) {
        return processInstanceId == null ? List.of()
                : tasks.createTaskQuery().processInstanceId(processInstanceId).active().list();
    }

    private void complete(Task task, String comment, Map<String, Object> variables) {
        if (comment != null && !comment.isBlank()) {
            tasks.createComment(task.getId(), task.getProcessInstanceId(), comment);
        }
        tasks.complete(task.getId(), variables);
    }
}
