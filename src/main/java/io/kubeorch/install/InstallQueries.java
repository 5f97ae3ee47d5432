package io.kubeorch.install;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kubeorch.install.InstallView.IncidentView;
import io.kubeorch.install.InstallView.NodeView;
import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.model.DecisionTask;
import io.kubeorch.model.Processes;
import io.kubeorch.model.Topics;
import io.kubeorch.model.UserTasks;
import io.kubeorch.model.Variables;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/** Reads an install's state from the engine: its process, its per-node processes, incidents and tasks. */
@Service
public class InstallQueries {

    private static final String CLUSTER = "cluster";
    private static final String EVERY_NODE = "every node";
    /** The engine's count of a multi-instance loop's instances, a variable of the loop. */
    private static final String LOOP_INSTANCES = "nrOfInstances";

    private final Installs installs;
    private final InstallInventories inventories;
    private final HistoryService history;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final ExternalTaskService externalTasks;

    InstallQueries(Installs installs, InstallInventories inventories, HistoryService history, RuntimeService runtime,
            TaskService tasks, ManagementService management, ExternalTaskService externalTasks) {
        this.installs = installs;
        this.inventories = inventories;
        this.history = history;
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
        this.externalTasks = externalTasks;
    }

    /**
     * The install as operators see it. A constant number of queries whatever the cluster's size
     * (pages poll this): one per kind for all per-node processes, plus one per failed node.
     */
    public Optional<InstallView> find(String installId) {
        return installs.find(installId).map(install -> {
            Inventory inventory = inventories.of(installId);
            Snapshot now = snapshot(install.processInstanceId(), inventory.firstControlPlane().name());
            List<NodeView> nodes = nodes(inventory, now.root(), now.children(), now.nodeNames(), now.incidents());
            return new InstallView(installId, install.clusterName(), now.status().state(), now.status().message(),
                    now.root().getId(), install.requestedBy(), install.requestedAt(),
                    finalPhases(now.status().state(), nodes), now.incidents());
        });
    }

    /**
     * Where an operation's process stands (an install's or a day-2 operation's): its state, why,
     * and its incidents, each where it arose.
     */
    public record Progress(InstallState state, String message, List<IncidentView> incidents) {
    }

    /** The progress of the operation whose root process is {@code processInstanceId}; queries as {@link #find}. */
    public Progress progress(String processInstanceId) {
        Snapshot now = snapshot(processInstanceId, CLUSTER);
        return new Progress(now.status().state(), now.status().message(), now.incidents());
    }

    /** Where a node stands ({@link NodeView#phase()}), by name. */
    private enum Phase {
        WAITING, PREPARING, PREPARED, INITIALIZING, INITIALIZED, JOINING, JOINED, READY, FAILED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean is(NodeView node) {
            return label().equals(node.phase());
        }
    }

    /**
     * Only the install's state, in two or three queries (fewer than {@link #find}): for lists of
     * many installs. Empty when there is no such install or its process has not started yet.
     */
    public Optional<InstallState> state(String installId) {
        return installs.find(installId).map(Installs.Install::processInstanceId)
                .map(id -> history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult())
                .map(root -> {
                    if (root.getEndTime() != null) {
                        return endedState(root);
                    }
                    boolean incident = runtime.createIncidentQuery().processInstanceId(root.getId()).count() > 0;
                    return incident ? InstallState.FAILED : waitingOrRunning(root.getId());
                });
    }

    private InstallState endedState(HistoricProcessInstance root) {
        return root.getDeleteReason() != null ? InstallState.CANCELLED
                : InstallState.ofEndEvent(lastEndEvent(root.getId())).orElse(InstallState.ABORTED);
    }

    private InstallState waitingOrRunning(String rootId) {
        for (Task task : tasks.createTaskQuery().processInstanceId(rootId).list()) {
            if (task.getTaskDefinitionKey().equals(UserTasks.APPROVE_INIT)) {
                return InstallState.WAITING_FOR_APPROVAL;
            }
            if (DecisionTask.ofTask(task.getTaskDefinitionKey()).isPresent()) {
                return InstallState.WAITING_FOR_DECISION;
            }
        }
        return InstallState.RUNNING;
    }

    /** A state and why, when there is something to say. */
    private record Status(InstallState state, String message) {
    }

    /** An operation's processes as the history has them now. */
    private record Snapshot(HistoricProcessInstance root, List<HistoricProcessInstance> children,
            Map<String, String> nodeNames, List<IncidentView> incidents, Status status) {
    }

    /** @param rootNode the node the root process's own steps run on, for its incidents */
    private Snapshot snapshot(String processInstanceId, String rootNode) {
        HistoricProcessInstance root = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        List<HistoricProcessInstance> children = history.createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(root.getId()).list().stream()
                .filter(instance -> !instance.getId().equals(root.getId())).toList();
        Map<String, String> nodeNames = nodeNames(children);
        List<IncidentView> incidents = root.getEndTime() != null ? List.of() : incidents(root.getId(), nodeNames, rootNode);
        return new Snapshot(root, children, nodeNames, incidents, status(root, incidents));
    }

    private Status status(HistoricProcessInstance root, List<IncidentView> incidents) {
        if (root.getEndTime() != null) {
            if (root.getDeleteReason() != null) {
                return new Status(InstallState.CANCELLED, root.getDeleteReason());
            }
            InstallState ended = InstallState.ofEndEvent(lastEndEvent(root.getId())).orElse(InstallState.ABORTED);
            return new Status(ended, variable(root.getId(), Variables.DECISION_REASON));
        }
        if (!incidents.isEmpty()) {
            return new Status(InstallState.FAILED, incidents.get(0).node() + " " + incidents.get(0).step() + ": "
                    + incidents.get(0).message());
        }
        for (Task task : tasks.createTaskQuery().processInstanceId(root.getId()).list()) {
            if (task.getTaskDefinitionKey().equals(UserTasks.APPROVE_INIT)) {
                return new Status(InstallState.WAITING_FOR_APPROVAL, "kubeadm init waits for an operator's approval"
                        + approvalsSoFar(task));
            }
            if (UserTasks.APPROVALS.contains(task.getTaskDefinitionKey())) {
                return new Status(InstallState.WAITING_FOR_APPROVAL, "waits for an operator's approval: " + task.getName());
            }
            if (DecisionTask.ofTask(task.getTaskDefinitionKey()).isPresent()) {
                return new Status(InstallState.WAITING_FOR_DECISION, variable(root.getId(), Variables.DECISION_REASON));
            }
        }
        return new Status(InstallState.RUNNING, null);
    }

    /**
     * When several approvals are needed (a loop of approval tasks), how many are given and by whom:
     * " (1 of 2 given: alice)"; empty for a single approval.
     */
    private String approvalsSoFar(Task waiting) {
        Object needed;
        try {
            needed = runtime.getVariable(waiting.getExecutionId(), LOOP_INSTANCES);
        } catch (NullValueException approvedSince) {
            return ""; // the task was completed after it was read: the next poll tells what follows
        }
        if (!(needed instanceof Integer total) || total < 2) {
            return "";
        }
        List<String> given = new ArrayList<>();
        for (HistoricTaskInstance done : history.createHistoricTaskInstanceQuery()
                .processInstanceId(waiting.getProcessInstanceId()).taskDefinitionKey(UserTasks.APPROVE_INIT).finished()
                .orderByHistoricTaskInstanceEndTime().asc().list()) {
            history.createUserOperationLogQuery().taskId(done.getId())
                    .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
                    .map(UserOperationLogEntry::getUserId).filter(user -> user != null).findFirst()
                    .ifPresent(given::add);
        }
        return " (" + given.size() + " of " + total + " given" + (given.isEmpty() ? "" : ": " + String.join(", ", given))
                + ")";
    }

    private String lastEndEvent(String processInstanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityType("noneEndEvent").finished().list().stream()
                .filter(activity -> activity.getParentActivityInstanceId().equals(processInstanceId))
                .max(Comparator.comparing(HistoricActivityInstance::getEndTime))
                .map(HistoricActivityInstance::getActivityId).orElse(null);
    }

    /** The node each per-node process runs for, by process instance id: one query. */
    private Map<String, String> nodeNames(List<HistoricProcessInstance> children) {
        Map<String, String> names = new HashMap<>();
        if (children.isEmpty()) {
            return names;
        }
        history.createHistoricVariableInstanceQuery().variableName(Variables.NODE_NAME)
                .processInstanceIdIn(children.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
                .list().stream()
                .filter(variable -> variable.getValue() != null)
                .forEach(variable -> names.put(variable.getProcessInstanceId(), variable.getValue().toString()));
        return names;
    }

    /**
     * The install's incidents, each where it arose. A node's incident is echoed on the install's
     * own process (the call activity waits on it): one query finds all, one more per failed node
     * reads the node's own.
     */
    private List<IncidentView> incidents(String rootId, Map<String, String> nodeNames, String firstControlPlane) {
        List<IncidentView> views = new ArrayList<>();
        for (Incident incident : runtime.createIncidentQuery().processInstanceId(rootId).list()) {
            Incident cause = incident.getId().equals(incident.getRootCauseIncidentId()) ? incident
                    : runtime.createIncidentQuery().incidentId(incident.getRootCauseIncidentId()).singleResult();
            if (cause == null) {
                continue; // resolved since
            }
            String node = cause.getProcessInstanceId().equals(rootId) ? installsNode(cause, firstControlPlane)
                    : nodeNames.getOrDefault(cause.getProcessInstanceId(), CLUSTER);
            views.add(new IncidentView(cause.getId(), node, cause.getActivityId(), cause.getIncidentMessage(),
                    cause.getProcessInstanceId()));
        }
        return views;
    }

    /**
     * Where a step of the install's own process failed: its steps run on the first control plane
     * (the step workers' rule), the host check on every node; its jobs belong to no node.
     */
    private String installsNode(Incident cause, String firstControlPlane) {
        if (!Incident.EXTERNAL_TASK_HANDLER_TYPE.equals(cause.getIncidentType())) {
            return CLUSTER;
        }
        ExternalTask task = externalTasks.createExternalTaskQuery().externalTaskId(cause.getConfiguration()).singleResult();
        return task != null && Topics.HOST_CHECK.equals(task.getTopicName()) ? EVERY_NODE : firstControlPlane;
    }

    /** A completed install's nodes are all Ready: that is what its last step checked. */
    private static List<NodeView> finalPhases(InstallState state, List<NodeView> nodes) {
        if (state != InstallState.COMPLETED) {
            return nodes;
        }
        return nodes.stream().map(node -> new NodeView(node.name(), node.address(), node.roles(), Phase.READY.label(), null)).toList();
    }

    private List<NodeView> nodes(Inventory inventory, HistoricProcessInstance root,
            List<HistoricProcessInstance> children, Map<String, String> nodeNames, List<IncidentView> incidents) {
        Map<String, String> runningSteps = root.getEndTime() != null ? Map.of() : runningSteps(root.getId());
        Map<String, NodeView> byName = new HashMap<>();
        children.stream()
                .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime))
                .forEach(instance -> {
                    String nodeName = nodeNames.get(instance.getId());
                    if (nodeName == null) {
                        return;
                    }
                    // after its join (or init) a control plane's endpoint is brought up to date: still joining
                    boolean joining = instance.getProcessDefinitionKey().equals(Processes.JOIN_NODE)
                            || instance.getProcessDefinitionKey().equals(Processes.UPDATE_NODE);
                    Optional<IncidentView> incident = incidents.stream()
                            .filter(i -> i.processInstanceId().equals(instance.getId())).findFirst();
                    String phase;
                    String step = null;
                    if (incident.isPresent()) {
                        phase = Phase.FAILED.label();
                        step = incident.get().step();
                    } else if (instance.getEndTime() != null) {
                        phase = (joining ? Phase.JOINED : Phase.PREPARED).label();
                    } else {
                        step = runningSteps.containsKey(instance.getId()) ? runningSteps.get(instance.getId())
                                : waitingStep(instance.getId());
                        phase = (step == null ? (joining ? Phase.JOINED : Phase.PREPARED)
                                : (joining ? Phase.JOINING : Phase.PREPARING)).label();
                    }
                    Node node = inventory.requireNode(nodeName);
                    byName.put(nodeName, new NodeView(nodeName, node.address(), roles(node), phase, step));
                });
        Node first = inventory.firstControlPlane();
        NodeView firstView = byName.get(first.name());
        if (firstView != null) {
            byName.put(first.name(), firstControlPlane(firstView, root, runningSteps, incidents));
        }
        return inventory.nodes().stream()
                .map(node -> byName.getOrDefault(node.name(),
                        new NodeView(node.name(), node.address(), roles(node), Phase.WAITING.label(), null)))
                .toList();
    }

    /**
     * The first control plane once prepared: the install's own process runs its steps (pull images,
     * preflight, init, Calico, readiness), so its phase and step come from there; it is
     * {@code initializing} until the cluster is initialized, then {@code initialized}. (With
     * further control planes behind an endpoint it also has a process of its own that points the
     * endpoint at its API server: not a join, it was initialized before.)
     */
    private NodeView firstControlPlane(NodeView prepared, HistoricProcessInstance root, Map<String, String> runningSteps,
            List<IncidentView> incidents) {
        boolean initialized = initialized(variable(root.getId(), Variables.CLUSTER_INITIALIZED));
        if (Phase.JOINING.is(prepared)) {
            return new NodeView(prepared.name(), prepared.address(), prepared.roles(), Phase.INITIALIZED.label(),
                    prepared.step());
        }
        if (!Phase.PREPARED.is(prepared) && !Phase.JOINED.is(prepared)) {
            return prepared;
        }
        Optional<IncidentView> failed = incidents.stream()
                .filter(incident -> incident.processInstanceId().equals(root.getId()) && incident.node().equals(prepared.name()))
                .findFirst();
        String step = failed.map(IncidentView::step).orElse(runningSteps.get(root.getId()));
        Phase phase = failed.isPresent() ? Phase.FAILED
                : initialized || Phase.JOINED.is(prepared) ? Phase.INITIALIZED
                : step != null ? Phase.INITIALIZING : Phase.PREPARED;
        return new NodeView(prepared.name(), prepared.address(), prepared.roles(), phase.label(), step);
    }

    /**
     * {@link Variables#CLUSTER_INITIALIZED} as the steps report it: {@code false} before kubeadm
     * init; {@code true} when the preflight found the cluster initialized already (a rerun);
     * {@code now} or {@code already} from init itself.
     */
    private static boolean initialized(String fact) {
        return fact != null && !fact.equals("false");
    }

    /** The step each process of the install is running, by process instance id: one query. */
    private Map<String, String> runningSteps(String rootId) {
        Map<String, String> steps = new HashMap<>();
        history.createNativeHistoricActivityInstanceQuery()
                .sql("SELECT * FROM " + management.getTableName(HistoricActivityInstance.class)
                        + " WHERE ROOT_PROC_INST_ID_ = #{root} AND END_TIME_ IS NULL AND ACT_TYPE_ = 'serviceTask'")
                .parameter("root", rootId).list()
                .forEach(activity -> steps.put(activity.getProcessInstanceId(), activity.getActivityId()));
        return steps;
    }

    /**
     * The step a process waits to start (its job is due or waits for a retry), or null when it ended
     * since its history was read. Only asked for processes between steps.
     */
    private String waitingStep(String processInstanceId) {
        // Asking the engine about an ended instance logs an error (ENGINE-16004): look first.
        if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
            return null;
        }
        try {
            return runtime.getActiveActivityIds(processInstanceId).stream().findFirst().orElse(null);
        } catch (NullValueException ended) {
            return null;
        }
    }

    private static List<String> roles(Node node) {
        return node.roles().stream().map(Inventory.Role::label).toList();
    }

    private String variable(String processInstanceId, String name) {
        HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).list().stream()
                .findFirst().orElse(null);
        return variable == null || variable.getValue() == null ? null : variable.getValue().toString();
    }
}
