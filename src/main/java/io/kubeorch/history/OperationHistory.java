package io.kubeorch.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.kubeorch.audit.CommandRecord;
import io.kubeorch.audit.CommandRecords;
import io.kubeorch.history.HistoryEvent.Kind;
import io.kubeorch.model.Topics;
import io.kubeorch.model.Variables;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Service;

/**
 * The history of every operation, running or ended, of every kind ({@link OperationSource}s), read
 * from the operations' own records and Camunda's history: its process instances, tasks, incidents and the user operation log (who claimed,
 * approved, decided, retried, cancelled). An approval's or decision's outcome and comment are the
 * variables the completion set, which the engine ties to the log entry of that completion.
 * Durations of steps are the command record's: what the hosts took.
 */
@Service
public class OperationHistory {

    /** A list's upper bound: figures count at most this many operations of a period. */
    public static final int MAX_OPERATIONS = 10_000;
    private static final Set<String> RETRIES = Set.of(UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES,
            UserOperationLogEntry.OPERATION_TYPE_SET_EXTERNAL_TASK_RETRIES);
    /** The engine's own variables of a multi-instance loop, not a person's input. */
    private static final Set<String> LOOP_VARIABLES = Set.of("nrOfInstances", "nrOfCompletedInstances",
            "nrOfActiveInstances", "loopCounter");
    private static final String CLUSTER = "cluster";
    private static final String EVERY_NODE = "every node";

    private final List<OperationSource> sources;
    private final CommandRecords commands;
    private final HistoryService history;

    OperationHistory(List<OperationSource> sources, CommandRecords commands, HistoryService history) {
        this.sources = sources;
        this.commands = commands;
        this.history = history;
    }

    /** An operation with the source that knows it. */
    private record Known(OperationSource source, OperationSource.Operation operation) {
    }

    /** The operations of every kind requested in {@code [from, to)}, newest first, at most {@code limit}. */
    public List<OperationSummary> list(Instant from, Instant to, int limit) {
        List<Known> rows = requestedBetween(from, to, limit);
        Map<String, HistoricProcessInstance> roots = roots(rows);
        // one read of the log for all of them: an operation's entries come after its request
        Map<String, List<UserOperationLogEntry>> logs = history.createUserOperationLogQuery()
                .afterTimestamp(Date.from(from.minusSeconds(1))).list().stream()
                .filter(entry -> entry.getRootProcessInstanceId() != null)
                .collect(Collectors.groupingBy(UserOperationLogEntry::getRootProcessInstanceId));
        List<OperationSummary> summaries = new ArrayList<>();
        for (Known known : rows) {
            OperationSource.Operation operation = known.operation();
            HistoricProcessInstance root = roots.get(operation.processInstanceId());
            List<HistoryEvent> actions = root == null ? List.of()
                    : actions(root, logs.getOrDefault(root.getId(), List.of()), new Processes(root, known));
            summaries.add(summary(operation, root, known.source().status(operation.id()), actions));
        }
        return summaries;
    }

    /** One operation's timeline and its nodes' steps; empty when there is no such operation. */
    public Optional<OperationTimeline> timeline(String id) {
        return find(id).flatMap(known -> known.source().now(id).map(now -> {
            OperationSource.Operation operation = known.operation();
            HistoricProcessInstance root = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(operation.processInstanceId()).singleResult();
            Processes processes = new Processes(root, known);
            List<HistoryEvent> actions = actions(root, log(root), processes);
            List<HistoryEvent> events = new ArrayList<>();
            events.add(HistoryEvent.of(operation.startedAt(), Kind.REQUESTED, operation.startedBy()));
            for (HistoricTaskInstance task : processes.tasks()) {
                events.add(HistoryEvent.of(task.getStartTime().toInstant(), Kind.WAITING, null).withTask(task.getName()));
            }
            events.addAll(actions);
            events.addAll(incidents(root, processes));
            if (root.getEndTime() != null) {
                events.add(HistoryEvent.of(root.getEndTime().toInstant(), Kind.ENDED, null)
                        .saying(now.status().state(), root.getDeleteReason()));
            }
            events.sort(Comparator.comparing(HistoryEvent::at));
            return new OperationTimeline(summary(operation, root, now.status(), actions), now.status().message(), events,
                    nodes(now.nodes(), StepRuns.of(commands.forInstall(id))), now.incidents());
        }));
    }

    /** Whether there is such an operation, of any kind. */
    public boolean exists(String id) {
        return find(id).isPresent();
    }

    /** Across the operations requested in {@code [from, to)}: states, failed steps, step durations. */
    public HistoryFigures figures(Instant from, Instant to) {
        List<Known> rows = requestedBetween(from, to, MAX_OPERATIONS);
        Map<String, Integer> byState = new TreeMap<>();
        for (Known known : rows) {
            byState.merge(known.source().status(known.operation().id()).state(), 1, Integer::sum);
        }
        List<CommandRecord> record = commands.forInstalls(rows.stream().map(known -> known.operation().id()).toList());
        StepFigures figures = StepFigures.of(StepRuns.of(record));
        return new HistoryFigures(from, to, rows.size(), byState, figures.failedSteps(), figures.stepDurations());
    }

    private List<Known> requestedBetween(Instant from, Instant to, int limit) {
        List<Known> rows = new ArrayList<>();
        for (OperationSource source : sources) {
            source.requestedBetween(from, to, limit).forEach(operation -> rows.add(new Known(source, operation)));
        }
        rows.sort(Comparator.comparing((Known known) -> known.operation().startedAt()).reversed());
        return rows.size() <= limit ? rows : rows.subList(0, limit);
    }

    private Optional<Known> find(String id) {
        for (OperationSource source : sources) {
            Optional<OperationSource.Operation> found = source.find(id);
            if (found.isPresent()) {
                return Optional.of(new Known(source, found.get()));
            }
        }
        return Optional.empty();
    }

    private Map<String, HistoricProcessInstance> roots(List<Known> rows) {
        Set<String> ids = rows.stream().map(known -> known.operation().processInstanceId()).filter(id -> id != null)
                .collect(Collectors.toSet());
        return ids.isEmpty() ? Map.of() : history.createHistoricProcessInstanceQuery().processInstanceIds(ids).list()
                .stream().collect(Collectors.toMap(HistoricProcessInstance::getId, root -> root));
    }

    private static OperationSummary summary(OperationSource.Operation operation, HistoricProcessInstance root,
            OperationSource.Status status, List<HistoryEvent> actions) {
        Instant ended = root == null || root.getEndTime() == null ? null : root.getEndTime().toInstant();
        Instant started = root == null ? operation.startedAt() : root.getStartTime().toInstant();
        Long took = root == null ? null : Duration.between(started, ended == null ? Instant.now() : ended).toMillis();
        return new OperationSummary(operation.id(), operation.kind(), operation.cluster(), status.state(),
                operation.startedBy(), operation.startedAt(), ended, took, operation.processInstanceId(), !status.ended(),
                kinds(actions, Kind.APPROVED, Kind.REJECTED), kinds(actions, Kind.DECIDED), kinds(actions, Kind.RETRIED),
                kinds(actions, Kind.CANCELLED).stream().findFirst().orElse(null));
    }

    private static List<HistoryEvent> kinds(List<HistoryEvent> events, Kind... kinds) {
        Set<Kind> wanted = Set.of(kinds);
        return events.stream().filter(event -> wanted.contains(event.kind())).toList();
    }

    /** The user operation log entries of the operation's processes, from its start to its end. */
    private List<UserOperationLogEntry> log(HistoricProcessInstance root) {
        var query = history.createUserOperationLogQuery().afterTimestamp(new Date(root.getStartTime().getTime() - 1000));
        if (root.getEndTime() != null) {
            query.beforeTimestamp(new Date(root.getEndTime().getTime() + 1000));
        }
        return query.list().stream().filter(entry -> root.getId().equals(entry.getRootProcessInstanceId())).toList();
    }

    /** What people did, from the log: one entry per operation (the log has a row per changed property). */
    private List<HistoryEvent> actions(HistoricProcessInstance root, List<UserOperationLogEntry> log, Processes processes) {
        Map<String, UserOperationLogEntry> byOperation = new LinkedHashMap<>();
        for (UserOperationLogEntry entry : log) {
            byOperation.putIfAbsent(entry.getOperationId(), entry);
        }
        List<HistoryEvent> events = new ArrayList<>();
        for (UserOperationLogEntry entry : byOperation.values()) {
            Instant at = entry.getTimestamp().toInstant();
            String type = entry.getOperationType();
            if (UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(type) && entry.getTaskId() != null) {
                events.add(completion(entry, processes.task(entry.getTaskId())));
            } else if (UserOperationLogEntry.OPERATION_TYPE_CLAIM.equals(type) && entry.getTaskId() != null) {
                events.add(HistoryEvent.of(at, Kind.CLAIMED, entry.getUserId()).withTask(processes.taskName(entry.getTaskId())));
            } else if (UserOperationLogEntry.OPERATION_TYPE_ASSIGN.equals(type) && entry.getTaskId() != null) {
                events.add(HistoryEvent.of(at, Kind.ASSIGNED, entry.getUserId()).withTask(processes.taskName(entry.getTaskId()))
                        .saying(entry.getNewValue(), null));
            } else if (RETRIES.contains(type)) {
                events.add(retry(entry, processes));
            } else if (UserOperationLogEntry.OPERATION_TYPE_DELETE.equals(type)
                    && EntityTypes.PROCESS_INSTANCE.equals(entry.getEntityType())
                    && root.getId().equals(entry.getProcessInstanceId())) {
                events.add(HistoryEvent.of(at, Kind.CANCELLED, entry.getUserId()).saying(null, root.getDeleteReason()));
            }
        }
        return events;
    }

    /**
     * An approval, a decision, or another task, with the choice and comment its completion set: the
     * variables updated at the task's activity (a form submitted in Tasklist and a completion through
     * the API both set them there).
     */
    private HistoryEvent completion(UserOperationLogEntry entry, HistoricTaskInstance completed) {
        String task = completed == null ? null : completed.getName();
        Map<String, Object> set = new LinkedHashMap<>();
        var details = completed != null && completed.getActivityInstanceId() != null
                ? history.createHistoricDetailQuery().activityInstanceId(completed.getActivityInstanceId())
                : history.createHistoricDetailQuery().userOperationId(entry.getOperationId());
        for (HistoricDetail detail : details.variableUpdates().list()) {
            HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
            if (!LOOP_VARIABLES.contains(update.getVariableName())) {
                set.put(update.getVariableName(), update.getValue());
            }
        }
        HistoryEvent done = HistoryEvent.of(entry.getTimestamp().toInstant(), Kind.COMPLETED, entry.getUserId()).withTask(task);
        if (set.get(Variables.APPROVED) instanceof Boolean approved) {
            return new HistoryEvent(done.at(), approved ? Kind.APPROVED : Kind.REJECTED, done.user(), task, null, null,
                    approved.toString(), text(set.get(Variables.APPROVAL_COMMENT)), null);
        }
        if (set.containsKey(Variables.DECISION)) {
            return new HistoryEvent(done.at(), Kind.DECIDED, done.user(), task, null, null, text(set.get(Variables.DECISION)),
                    text(set.get(Variables.DECISION_COMMENT)), null);
        }
        return set.isEmpty() ? done : done.saying(set.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")), null);
    }

    /** Which failed step someone gave another run: from the external task's (or job's) own log. */
    private HistoryEvent retry(UserOperationLogEntry entry, Processes processes) {
        String step = null;
        String processInstance = entry.getProcessInstanceId();
        if (entry.getExternalTaskId() != null) {
            HistoricExternalTaskLog task = externalTask(entry.getExternalTaskId());
            if (task != null) {
                step = task.getActivityId();
                processInstance = task.getProcessInstanceId();
                if (Topics.HOST_CHECK.equals(task.getTopicName())) {
                    return HistoryEvent.of(entry.getTimestamp().toInstant(), Kind.RETRIED, entry.getUserId())
                            .where(EVERY_NODE, step);
                }
            }
        } else if (entry.getJobId() != null) {
            HistoricJobLog job = history.createHistoricJobLogQuery().jobId(entry.getJobId()).list().stream().findFirst()
                    .orElse(null);
            if (job != null) {
                step = job.getActivityId();
                processInstance = job.getProcessInstanceId();
            }
        }
        return HistoryEvent.of(entry.getTimestamp().toInstant(), Kind.RETRIED, entry.getUserId())
                .where(processes.node(processInstance), step);
    }

    /** Incidents where they arose (not their echoes on the calling processes), opened and resolved. */
    private List<HistoryEvent> incidents(HistoricProcessInstance root, Processes processes) {
        List<HistoryEvent> events = new ArrayList<>();
        for (HistoricIncident incident : history.createHistoricIncidentQuery()
                .createTimeAfter(new Date(root.getStartTime().getTime() - 1000)).list()) {
            if (!root.getId().equals(incident.getRootProcessInstanceId())
                    || !incident.getId().equals(incident.getRootCauseIncidentId())) {
                continue;
            }
            HistoricExternalTaskLog task = Incident.EXTERNAL_TASK_HANDLER_TYPE.equals(incident.getIncidentType())
                    ? externalTask(incident.getConfiguration()) : null;
            String node = task != null && Topics.HOST_CHECK.equals(task.getTopicName()) ? EVERY_NODE
                    : processes.node(incident.getProcessInstanceId());
            events.add(HistoryEvent.of(incident.getCreateTime().toInstant(), Kind.INCIDENT, null)
                    .where(node, incident.getActivityId()).withMessage(firstLine(incident.getIncidentMessage()))
                    .saying(incident.isResolved() ? "resolved" : incident.isDeleted() ? "deleted" : "open", null));
        }
        return events;
    }

    private HistoricExternalTaskLog externalTask(String id) {
        return id == null ? null
                : history.createHistoricExternalTaskLogQuery().externalTaskId(id).list().stream().findFirst().orElse(null);
    }

    private static List<OperationTimeline.NodeSteps> nodes(List<OperationSource.Node> now, List<StepRun> runs) {
        Map<String, List<StepRun>> byNode = runs.stream()
                .collect(Collectors.groupingBy(StepRun::node, LinkedHashMap::new, Collectors.toList()));
        List<OperationTimeline.NodeSteps> nodes = new ArrayList<>();
        for (OperationSource.Node node : now) {
            List<StepRun> steps = byNode.getOrDefault(node.name(), List.of());
            Instant started = steps.stream().map(StepRun::startedAt).min(Comparator.naturalOrder()).orElse(null);
            Instant ended = steps.stream().map(StepRun::endedAt).max(Comparator.naturalOrder()).orElse(null);
            nodes.add(new OperationTimeline.NodeSteps(node.name(), node.address(), node.roles(), node.phase(), node.step(),
                    started, ended, started == null ? null : Duration.between(started, ended).toMillis(), steps));
        }
        return nodes;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** An operation's processes: which node each runs for, and its tasks, read once. */
    private final class Processes {

        private final HistoricProcessInstance root;
        private final Known operation;
        private Map<String, String> nodes;
        private Map<String, HistoricTaskInstance> tasks;

        Processes(HistoricProcessInstance root, Known operation) {
            this.root = root;
            this.operation = operation;
        }

        /**
         * The node a process works on: a node's process names it; the steps of the operation's own
         * process run on the first control plane (the step workers' rule).
         */
        String node(String processInstanceId) {
            if (processInstanceId == null) {
                return null;
            }
            if (processInstanceId.equals(root.getId())) {
                return operation.source().ownStepsNode(operation.operation().id());
            }
            if (nodes == null) {
                nodes = new HashMap<>();
                List<String> children = history.createHistoricProcessInstanceQuery().rootProcessInstanceId(root.getId())
                        .list().stream().map(HistoricProcessInstance::getId).filter(id -> !id.equals(root.getId())).toList();
                if (!children.isEmpty()) {
                    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                            .variableName(Variables.NODE_NAME).processInstanceIdIn(children.toArray(String[]::new)).list()) {
                        if (variable.getValue() != null) {
                            nodes.put(variable.getProcessInstanceId(), variable.getValue().toString());
                        }
                    }
                }
            }
            return nodes.getOrDefault(processInstanceId, CLUSTER);
        }

        String taskName(String taskId) {
            HistoricTaskInstance task = task(taskId);
            return task == null ? null : task.getName();
        }

        HistoricTaskInstance task(String taskId) {
            return tasksById().get(taskId);
        }

        List<HistoricTaskInstance> tasks() {
            return tasksById().values().stream().sorted(Comparator.comparing(HistoricTaskInstance::getStartTime)).toList();
        }

        private Map<String, HistoricTaskInstance> tasksById() {
            if (tasks == null) {
                tasks = history.createHistoricTaskInstanceQuery().rootProcessInstanceId(root.getId()).list().stream()
                        .collect(Collectors.toMap(HistoricTaskInstance::getId, task -> task));
            }
            return tasks;
        }
    }
}
