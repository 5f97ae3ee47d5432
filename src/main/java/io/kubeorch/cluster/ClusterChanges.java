package io.kubeorch.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeorch.cluster.Clusters.KnownCluster;
import io.kubeorch.cluster.InventoryText.NodeEntry;
import io.kubeorch.install.HostLocks;
import io.kubeorch.inventory.InvalidInventoryException;
import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.inventory.InventoryError;
import io.kubeorch.inventory.InventoryParser;
import io.kubeorch.model.Variables;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts day-2 operations on clusters kubeorch knows. Each request is checked against the cluster
 * as recorded before anything is recorded or a host touched; then the operation is recorded, takes
 * every host of the cluster (and those it adds), so that one operation at a time changes a
 * cluster and no install runs on its hosts meanwhile, and its process starts, in one transaction.
 *
 * @see HostLocks
 */
@Service
public class ClusterChanges {

    private static final Pattern NODE_INDEX = Pattern.compile("nodes\\[([0-9]+)]");

    private final Clusters clusters;
    private final Operations operations;
    private final HostLocks hostLocks;
    private final InventoryParser parser;
    private final RuntimeService runtime;

    ClusterChanges(Clusters clusters, Operations operations, HostLocks hostLocks, InventoryParser parser,
            RuntimeService runtime) {
        this.clusters = clusters;
        this.operations = operations;
        this.hostLocks = hostLocks;
        this.parser = parser;
        this.runtime = runtime;
    }

    /**
     * Adds the nodes of {@code body} (YAML or JSON, {@code nodes:} in the inventory's node format).
     * A node already in the cluster with the same address and roles is taken as part of the
     * addition again (a rerun changes nothing on it).
     *
     * @return the operation's id
     * @throws ClusterNotFoundException when kubeorch knows no such cluster
     * @throws IllegalStateException when the cluster was torn down
     * @throws InvalidInventoryException when the nodes are not valid for the cluster, naming each field
     * @throws io.kubeorch.install.HostsBusyException when a running operation holds some of the hosts
     */
    @Transactional
    public String addNodes(String clusterName, String body, String requestedBy) {
        KnownCluster cluster = active(clusterName);
        Inventory before = parser.read(cluster.inventoryYaml());
        List<NodeEntry> requested = NodeAdditionRequest.parse(body);
        List<InventoryError> errors = new ArrayList<>();
        List<NodeEntry> added = new ArrayList<>();
        Map<Integer, Integer> requestIndex = new HashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            NodeEntry node = requested.get(i);
            var existing = before.node(node.name());
            if (existing.isEmpty()) {
                requestIndex.put(before.nodes().size() + added.size(), i);
                added.add(node);
                if (node.roles().contains(Inventory.Role.CONTROL_PLANE.label()) && before.endpoint().isEmpty()) {
                    errors.add(new InventoryError("nodes[" + i + "].roles", "cluster " + clusterName + " has one control"
                            + " plane and no control-plane endpoint (it was installed without one), so kubeadm cannot"
                            + " add control planes to it: add workers only"));
                }
            } else if (!existing.get().address().equals(node.address()) || !roles(existing.get()).equals(node.roles())) {
                errors.add(new InventoryError("nodes[" + i + "].name", "'" + node.name() + "' is a node of cluster "
                        + clusterName + " already, at " + existing.get().address() + " as " + roles(existing.get())
                        + ": to change it, remove it first (DELETE /api/clusters/" + clusterName + "/nodes/"
                        + node.name() + ")"));
            }
        }
        errors.addAll(inOtherClusters(clusterName, requested));
        if (!errors.isEmpty()) {
            throw new InvalidInventoryException(errors);
        }
        String afterYaml = added.isEmpty() ? cluster.inventoryYaml() : InventoryText.withNodes(cluster.inventoryYaml(), added);
        Inventory after;
        try {
            after = parser.parseChange(afterYaml);
        } catch (InvalidInventoryException e) {
            throw new InvalidInventoryException(e.errors().stream()
                    .map(error -> asRequested(error, before.nodes().size(), requestIndex)).toList());
        }
        List<String> joining = requested.stream().map(NodeEntry::name).distinct().toList();
        return start(OperationKind.ADD_NODES, clusterName, joining, cluster.inventoryYaml(), afterYaml, requestedBy,
                addresses(before, after), Map.of(Variables.ADDITION_PLAN, OperationPlans.addition(before, after, joining)));
    }

    /**
     * Removes exactly one named node.
     *
     * @throws ClusterNotFoundException when kubeorch knows no such cluster
     * @throws IllegalArgumentException when no node is named, or the cluster has no such node
     * @throws IllegalStateException when the cluster was torn down, or the node is its last control plane
     * @throws io.kubeorch.install.HostsBusyException when a running operation holds some of the cluster's hosts
     */
    @Transactional
    public String removeNode(String clusterName, String nodeName, String requestedBy) {
        if (nodeName == null || nodeName.isBlank()) {
            throw new IllegalArgumentException("node: name exactly one node to remove, DELETE /api/clusters/" + clusterName
                    + "/nodes/{node}; kubeorch never removes several nodes, or all, in one request (a teardown,"
                    + " DELETE /api/clusters/" + clusterName + ", resets every node)");
        }
        KnownCluster cluster = active(clusterName);
        Inventory before = parser.read(cluster.inventoryYaml());
        Node node = before.node(nodeName).orElseThrow(() -> new IllegalArgumentException("node: cluster " + clusterName
                + " has no node '" + nodeName + "'; its nodes are " + String.join(", ", names(before))));
        if (node.isControlPlane() && before.controlPlanes().size() == 1) {
            throw new IllegalStateException(nodeName + " is the only control plane of cluster " + clusterName
                    + ": without it the cluster has no API server and no etcd. Add another control plane first, or"
                    + " tear the whole cluster down (DELETE /api/clusters/" + clusterName + ")");
        }
        String afterYaml = InventoryText.withoutNode(cluster.inventoryYaml(), nodeName);
        Inventory after = parser.read(afterYaml);
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.NODE_NAME, nodeName);
        variables.put(Variables.REMOVAL_PLAN, OperationPlans.removal(before, after, node));
        return start(OperationKind.REMOVE_NODE, clusterName, List.of(nodeName), cluster.inventoryYaml(), afterYaml,
                requestedBy, addresses(before, after), variables);
    }

    /**
     * Tears the cluster down: every node reset, the cluster marked removed.
     *
     * @throws ClusterNotFoundException when kubeorch knows no such cluster
     * @throws IllegalStateException when it was torn down already
     * @throws io.kubeorch.install.HostsBusyException when a running operation holds some of its hosts
     */
    @Transactional
    public String tearDown(String clusterName, String requestedBy) {
        KnownCluster cluster = active(clusterName);
        Inventory inventory = parser.read(cluster.inventoryYaml());
        return start(OperationKind.TEARDOWN, clusterName, names(inventory), cluster.inventoryYaml(),
                cluster.inventoryYaml(), requestedBy, addresses(inventory, inventory),
                Map.of(Variables.TEARDOWN_PLAN, OperationPlans.teardown(inventory, cluster.installedBy())));
    }

    private String start(OperationKind kind, String cluster, List<String> nodes, String beforeYaml, String afterYaml,
            String requestedBy, Set<String> hosts, Map<String, Object> variables) {
        String id = UUID.randomUUID().toString();
        operations.add(new Operation(id, cluster, kind, nodes, beforeYaml, afterYaml, null, requestedBy, Instant.now()));
        hostLocks.acquire(id, cluster, requestedBy, hosts);
        Map<String, Object> started = new HashMap<>(variables);
        started.put(Variables.INSTALL_ID, id);
        // who asked, for four-eyes, whichever way the process is started
        started.put(Variables.INITIATOR, requestedBy);
        ProcessInstance instance = runtime.startProcessInstanceByKey(kind.processKey(), id, started);
        operations.attachProcessInstance(id, instance.getId());
        return id;
    }

    private KnownCluster active(String name) {
        KnownCluster cluster = clusters.find(name).orElseThrow(() -> new ClusterNotFoundException(name));
        if (cluster.state() == ClusterState.REMOVED) {
            throw new IllegalStateException("cluster " + name + " was torn down at " + cluster.removedAt()
                    + "; its record and history stay (GET /api/clusters/" + name + "): install it again to use it");
        }
        return cluster;
    }

    /** A host may be in one cluster kubeorch knows: an address of another active cluster is refused. */
    private List<InventoryError> inOtherClusters(String clusterName, List<NodeEntry> requested) {
        List<InventoryError> errors = new ArrayList<>();
        for (KnownCluster other : clusters.all()) {
            if (other.name().equals(clusterName) || other.state() != ClusterState.ACTIVE) {
                continue;
            }
            Inventory inventory = parser.read(other.inventoryYaml());
            for (int i = 0; i < requested.size(); i++) {
                String address = requested.get(i).address().toLowerCase(Locale.ROOT);
                for (Node node : inventory.nodes()) {
                    if (node.address().toLowerCase(Locale.ROOT).equals(address)) {
                        errors.add(new InventoryError("nodes[" + i + "].address", "'" + requested.get(i).address()
                                + "' is node " + node.name() + " of cluster " + other.name() + ": remove it there first"
                                + " (DELETE /api/clusters/" + other.name() + "/nodes/" + node.name() + ")"));
                    }
                }
            }
        }
        return errors;
    }

    /**
     * An error of the cluster with the nodes added, as the request's fields name it: an added node is
     * {@code nodes[i]} of the request, a node the cluster has is named as the cluster's.
     */
    private static InventoryError asRequested(InventoryError error, int existing, Map<Integer, Integer> requestIndex) {
        return new InventoryError(renumber(error.field(), existing, requestIndex, false),
                renumber(error.message(), existing, requestIndex, true));
    }

    private static String renumber(String text, int existing, Map<Integer, Integer> requestIndex, boolean prose) {
        Matcher index = NODE_INDEX.matcher(text);
        StringBuilder out = new StringBuilder();
        while (index.find()) {
            int merged = Integer.parseInt(index.group(1));
            String replacement = merged < existing ? (prose ? "the cluster's node" : "nodes")
                    : "nodes[" + requestIndex.getOrDefault(merged, merged - existing) + "]";
            index.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        index.appendTail(out);
        return out.toString();
    }

    private static Set<String> addresses(Inventory before, Inventory after) {
        Set<String> addresses = new LinkedHashSet<>();
        before.nodes().forEach(node -> addresses.add(node.address()));
        after.nodes().forEach(node -> addresses.add(node.address()));
        return addresses;
    }

    private static List<String> roles(Node node) {
        return node.roles().stream().map(Inventory.Role::label).toList();
    }

    private static List<String> names(Inventory inventory) {
        return inventory.nodes().stream().map(Node::name).toList();
    }
}
