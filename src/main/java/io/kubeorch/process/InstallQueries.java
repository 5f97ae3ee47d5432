package io.kubeorch.process;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.process.InstallView.IncidentView;
import io.kubeorch.process.InstallView.NodeView;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/** Reads an install's state from the engine: its process, its per-node processes, incidents and tasks. */
@Service
public class InstallQueries {

    private static final Map<String, String> END_STATES = Map.of(
            "clusterInstalled", "completed",
            "installRejected", "rejected",
            "inventoryRejected", "invalid",
            "approvalTimedOut", "approval-expired");

    private final Installs installs;
    private final InstallInventories inventories;
    private final HistoryService history;
    private final RuntimeService runtime;
    private final TaskService tasks;

    InstallQueries(Installs installs, InstallInventories inventories, HistoryService history, RuntimeService runtime,
            TaskService tasks) {
        this.installs = installs;
        this.inventories = inventories;
        this.history = history;
        this.runtime = runtime;
        this.tasks = tasks;
    }

    public Optional<InstallView> find(String installId) {
        return installs.find(installId).map(install -> {
            Inventory inventory = inventories.of(installId);
            HistoricProcessInstance root = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(install.processInstanceId()).singleResult();
            List<HistoricProcessInstance> all = history.createHistoricProcessInstanceQuery()
                    .rootProcessInstanceId(root.getId()).list();
            List<IncidentView> incidents = incidents(all);
            String[] state = state(root, incidents);
            return new InstallView(installId, install.clusterName(), state[0], state[1], root.getId(),
                    install.requestedBy(), install.requestedAt(), nodes(inventory, all, incidents), incidents);
        });
    }

    private String[] state(HistoricProcessInstance root, List<IncidentView> incidents) {
        if (root.getEndTime() != null) {
            if (root.getDeleteReason() != null) {
                return new String[] {"cancelled", root.getDeleteReason()};
            }
            String end = lastEndEvent(root.getId());
            String reason = variable(root.getId(), Variables.DECISION_REASON);
            return new String[] {END_STATES.getOrDefault(end, "aborted"), reason};
        }
        if (!incidents.isEmpty()) {
            return new String[] {"failed", incidents.get(0).node() + " " + incidents.get(0).step() + ": "
                    + incidents.get(0).message()};
        }
        for (Task task : tasks.createTaskQuery().processInstanceId(root.getId()).list()) {
            if (task.getTaskDefinitionKey().equals(Approvals.APPROVAL_TASK)) {
                return new String[] {"waiting-for-approval", "kubeadm init waits for an operator's approval"};
            }
            if (task.getTaskDefinitionKey().startsWith("decideOn")) {
                return new String[] {"waiting-for-decision", variable(root.getId(), Variables.DECISION_REASON)};
            }
        }
        return new String[] {"running", null};
    }

    private String lastEndEvent(String processInstanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityType("noneEndEvent").finished().list().stream()
                .filter(activity -> activity.getParentActivityInstanceId().equals(processInstanceId))
                .max(Comparator.comparing(HistoricActivityInstance::getEndTime))
                .map(HistoricActivityInstance::getActivityId).orElse(null);
    }

    private List<IncidentView> incidents(List<HistoricProcessInstance> instances) {
        List<IncidentView> views = new ArrayList<>();
        for (HistoricProcessInstance instance : instances) {
            if (instance.getEndTime() != null) {
                continue;
            }
            for (Incident incident : runtime.createIncidentQuery().processInstanceId(instance.getId()).list()) {
                if (!incident.getId().equals(incident.getRootCauseIncidentId())) {
                    continue; // the call activity's echo of a node's incident: show the node's own
                }
                String node = Optional.ofNullable(variable(instance.getId(), Variables.NODE_NAME)).orElse("cluster");
                views.add(new IncidentView(incident.getId(), node, incident.getActivityId(),
                        incident.getIncidentMessage(), instance.getId()));
            }
        }
        return views;
    }

    private List<NodeView> nodes(Inventory inventory, List<HistoricProcessInstance> instances,
            List<IncidentView> incidents) {
        Map<String, NodeView> byName = new HashMap<>();
        instances.stream()
                .filter(instance -> !instance.getProcessDefinitionKey().equals(InstallStarter.PROCESS_KEY))
                .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime))
                .forEach(instance -> {
                    String nodeName = variable(instance.getId(), Variables.NODE_NAME);
                    if (nodeName == null) {
                        return;
                    }
                    boolean joining = instance.getProcessDefinitionKey().equals("join-node");
                    Optional<IncidentView> incident = incidents.stream()
                            .filter(i -> i.processInstanceId().equals(instance.getId())).findFirst();
                    String phase;
                    String step = null;
                    if (incident.isPresent()) {
                        phase = "failed";
                        step = incident.get().step();
                    } else if (instance.getEndTime() != null) {
                        phase = joining ? "joined" : "prepared";
                    } else {
                        step = activeStep(instance.getId());
                        phase = step == null ? (joining ? "joined" : "prepared") : (joining ? "joining" : "preparing");
                    }
                    Node node = inventory.requireNode(nodeName);
                    byName.put(nodeName, new NodeView(nodeName, node.address(), roles(node), phase, step));
                });
        return inventory.nodes().stream()
                .map(node -> byName.getOrDefault(node.name(),
                        new NodeView(node.name(), node.address(), roles(node), "waiting", null)))
                .toList();
    }

    /** The step an instance is at, or null when it ended since its history was read. */
    private String activeStep(String processInstanceId) {
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
