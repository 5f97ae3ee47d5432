package io.kubeorch.process;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Completes an install's operator tasks the way Tasklist does, as the calling user: the engine's
 * history records who approved, rejected or decided, and the comment stays with the task.
 */
@Service
public class Approvals {

    static final String APPROVAL_TASK = "approveInit";

    private final Installs installs;
    private final TaskService tasks;

    Approvals(Installs installs, TaskService tasks) {
        this.installs = installs;
        this.tasks = tasks;
    }

    /** @throws IllegalStateException when the install does not wait for an approval */
    public void approve(String installId, boolean approved, String comment) {
        Task task = openTask(installId, APPROVAL_TASK, "an approval");
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.APPROVED, approved);
        variables.put(Variables.APPROVAL_COMMENT, comment == null ? "" : comment);
        complete(task, comment, variables);
    }

    /**
     * @param decision {@code retry}, {@code reset} or {@code abort}
     * @throws IllegalStateException when the install does not wait for a decision
     */
    public void decide(String installId, String decision, String comment) {
        if (!decision.matches("retry|reset|abort")) {
            throw new IllegalArgumentException("decision: '" + decision + "' is not one of retry, reset, abort");
        }
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(installId).active().list().stream()
                .filter(t -> t.getTaskDefinitionKey().startsWith("decideOn")).findFirst()
                .orElseThrow(() -> new IllegalStateException("install " + installId + " does not wait for a decision"));
        complete(task, comment, Map.of("decision", decision, "decisionComment", comment == null ? "" : comment));
    }

    private Task openTask(String installId, String key, String what) {
        String processInstanceId = installs.find(installId)
                .orElseThrow(() -> new IllegalArgumentException("no install " + installId)).processInstanceId();
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
        if (task == null) {
            throw new IllegalStateException("install " + installId + " does not wait for " + what);
        }
        return task;
    }

    private void complete(Task task, String comment, Map<String, Object> variables) {
        if (comment != null && !comment.isBlank()) {
            tasks.createComment(task.getId(), task.getProcessInstanceId(), comment);
        }
        tasks.complete(task.getId(), variables);
    }
}
