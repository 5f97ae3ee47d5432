package io.kubeorch.cluster;

import java.util.List;
import java.util.stream.Collectors;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;

/** What an approver reads: what the operation will do, to which hosts, in which order. */
final class OperationPlans {

    private OperationPlans() {
    }

    static String addition(Inventory before, Inventory after, List<String> joining) {
        List<Node> nodes = joining.stream().map(after::requireNode).toList();
        List<Node> already = nodes.stream().filter(node -> before.node(node.name()).isPresent()).toList();
        List<Node> added = nodes.stream().filter(node -> before.node(node.name()).isEmpty()).toList();
        StringBuilder plan = new StringBuilder(cluster(before)).append('\n');
        if (!added.isEmpty()) {
            plan.append("Joining (prepared as for an install: containerd, kubelet, kubeadm ")
                    .append(after.kubernetes().version()).append("):\n").append(lines(added));
        }
        if (!already.isEmpty()) {
            plan.append("Already in the cluster, every step run again (each changes only what is not done):\n")
                    .append(lines(already));
        }
        boolean controlPlanes = nodes.stream().anyMatch(Node::isControlPlane);
        if (controlPlanes) {
            plan.append("Control planes join one at a time, each with a join token and certificate key minted right"
                    + " before its join on a control plane that answers.\n");
        }
        plan.append("Every node's /etc/hosts is brought up to date with the new nodes");
        if (controlPlanes) {
            plan.append(", and its endpoint (a control plane points ").append(after.endpoint().orElseThrow().name())
                    .append(" at itself, a local proxy lists every control plane)");
        }
        plan.append(".\n");
        plan.append("Workers join after the control planes, in parallel. The operation ends when every node is Ready.\n");
        plan.append("After: ").append(count(after));
        if (controlPlanes && after.controlPlanes().size() % 2 == 0) {
            plan.append("\nNote: ").append(after.controlPlanes().size()).append(" control planes: etcd then tolerates no"
                    + " more failures than with one fewer; add or remove one more to reach an odd number.");
        }
        return plan.toString();
    }

    static String removal(Inventory before, Inventory after, Node node) {
        StringBuilder plan = new StringBuilder("Remove ").append(describe(node)).append(" from ").append(cluster(before))
                .append('\n');
        int step = 1;
        if (node.isControlPlane()) {
            plan.append(step++).append(". take an etcd snapshot on a control plane that remains (before anything"
                    + " changes; kept in /var/lib/kubeorch/etcd-snapshots)\n");
        }
        plan.append(step++).append(". cordon ").append(node.name()).append(" and drain it (kubectl drain --ignore-daemonsets"
                + " --delete-emptydir-data, with kubeorch.cluster.drain-timeout): pods that would not move are listed"
                + " and you decide\n");
        plan.append(step++).append(". delete its Node object\n");
        if (node.isControlPlane()) {
            plan.append(step++).append(". remove its etcd member (").append(after.controlPlanes().size())
                    .append(" remain: ").append(names(after.controlPlanes())).append(")\n");
        }
        plan.append(step++).append(". bring every other node up to date: ").append(node.name())
                .append(" leaves its /etc/hosts");
        if (node.isControlPlane() && after.endpoint().isPresent()) {
            plan.append(", and it points at the control planes that remain: ").append(after.endpoint().get().name())
                    .append(" on each control plane, the API server list of every local proxy (")
                    .append(names(after.controlPlanes())).append(")");
        }
        plan.append('\n');
        plan.append(step).append(". reset the host: kubeadm reset, the CNI configuration, Kubernetes' and Calico's"
                + " iptables chains, the kubelet stopped; it can then be added again\n");
        plan.append("No other node is changed beyond its /etc/hosts").append(node.isControlPlane()
                && after.endpoint().isPresent() ? ", endpoint and proxy" : "").append(". After: ").append(count(after));
        return plan.toString();
    }

    static String teardown(Inventory inventory, String installedBy) {
        return "Tear down " + cluster(inventory) + " (installed by install " + installedBy + ").\n"
                + "An etcd snapshot is taken on a control plane first (/var/lib/kubeorch/etcd-snapshots, which the"
                + " reset leaves alone). Then every host below is reset: kubeadm reset (Kubernetes, etcd and its"
                + " data), the CNI configuration, Kubernetes' and Calico's iptables chains, the kubelet stopped;"
                + " workers first, then the control planes one at a time. Workloads and their data on these hosts are"
                + " lost.\n" + lines(inventory.nodes())
                + "kubeorch then marks the cluster removed; its record and history stay.";
    }

    private static String cluster(Inventory inventory) {
        return "cluster " + inventory.name() + " (" + inventory.endpoint().map(e -> "endpoint " + e.hostPort() + ", ")
                .orElse("") + "Kubernetes " + inventory.kubernetes().version() + ", " + count(inventory) + ")";
    }

    private static String count(Inventory inventory) {
        int controlPlanes = inventory.controlPlanes().size();
        return inventory.nodes().size() + " nodes, " + controlPlanes + (controlPlanes == 1 ? " control plane" : " control planes");
    }

    private static String lines(List<Node> nodes) {
        return nodes.stream().map(node -> "  " + describe(node) + "\n").collect(Collectors.joining());
    }

    private static String describe(Node node) {
        return node.name() + " " + node.address() + " ["
                + node.roles().stream().map(Inventory.Role::label).collect(Collectors.joining(",")) + "]";
    }

    private static String names(List<Node> nodes) {
        return nodes.stream().map(Node::name).collect(Collectors.joining(", "));
    }
}
