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
 * Completes an install's operator tasks the way Tasklist does, as the calling user: the engine's
 * history records who approved, rejected or decided, and the comment stays with the task.
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
        Task task = openTasks(installId).stream()
                .filter(t -> t.getTaskDefinitionKey().equals(UserTasks.APPROVE_INIT)).findFirst()
                .orElseThrow(() -> new IllegalStateException("install " + installId
                        + " does not wait for an approval: GET /api/installs/" + installId + " says what it waits for"));
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
        Task task = null;
        DecisionTask kind = null;
        for (Task open : openTasks(installId)) {
            var found = DecisionTask.ofTask(open.getTaskDefinitionKey());
            if (found.isPresent()) {
                task = open;
                kind = found.get();
                break;
            }
        }
        if (task == null) {
            throw new IllegalStateException("install " + installId + " does not wait for a decision: GET /api/installs/"
                    + installId + " says what it waits for");
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

    private List<Task> openTasks(String installId) {
        String processInstanceId = installs.find(installId)
                .orElseThrow(() -> new InstallNotFoundException(installId)).processInstanceId();
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
