package io.kubeorch.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kubeorch.inventory.Inventory.Node;

/**
 * etcd's members and which of them run, as a control plane's etcd reported them, and whether one
 * member's removal keeps the quorum: etcd works while more than half of its members run, and
 * refuses a removal that would leave fewer started members than the quorum of the rest (its strict
 * reconfiguration check). Without quorum nothing can be removed at all.
 *
 * @param members member name by peer address, from {@code etcdctl member list}; empty when etcd could not list them
 * @param started the addresses whose member answered
 * @param listError why the list is empty (etcd has no quorum now), else null
 */
record EtcdQuorum(Map<String, String> members, Set<String> started, String listError) {

    /** Whether the removal may go ahead, and what to tell the operator either way. */
    record Verdict(boolean safe, String status) {
    }

    /**
     * @param memberList {@code etcdctl member list} output: {@code ID, started, NAME, https://ADDR:2380, https://ADDR:2379, false}
     * @param startedAddresses the answering addresses, separated by spaces
     */
    static EtcdQuorum of(String memberList, String startedAddresses, String listError) {
        Map<String, String> members = new LinkedHashMap<>();
        if (memberList != null) {
            for (String line : memberList.split("\n")) {
                String[] fields = line.split(",\\s*");
                if (fields.length >= 4 && fields[3].startsWith("https://")) {
                    String peer = fields[3].substring("https://".length());
                    members.put(peer.substring(0, peer.lastIndexOf(':')), fields[2].strip());
                }
            }
        }
        Set<String> started = startedAddresses == null || startedAddresses.isBlank() ? Set.of()
                : Set.of(startedAddresses.strip().split("\\s+"));
        return new EtcdQuorum(members, started, !members.isEmpty() ? null
                : listError == null || listError.isBlank() ? "no members listed" : listError);
    }

    /** Whether removing {@code node} keeps etcd's quorum; {@code controlPlanes} are kubeorch's record of the members. */
    Verdict afterRemoving(Node node, List<Node> controlPlanes) {
        if (listError != null) {
            List<String> down = controlPlanes.stream().filter(cp -> !started.contains(cp.address()))
                    .map(Node::name).toList();
            return new Verdict(false, "etcd would lose quorum for good: it has none now (" + listError + "): of the"
                    + " control planes "
                    + names(controlPlanes) + ", " + (down.isEmpty() ? "all answer" : String.join(", ", down)
                    + (down.size() == 1 ? " does" : " do") + " not answer")
                    + ". No member can be removed while etcd has no quorum, and removing " + node.name()
                    + " would lose it for good: bring " + (down.isEmpty() ? "etcd" : String.join(", ", down))
                    + " back up first, then request the removal again.");
        }
        String now = members.size() + " members (" + String.join(", ", members.values()) + "), " + startedCount(members)
                + " started";
        if (!members.containsKey(node.address()) && !members.containsValue(node.name())) {
            return new Verdict(true, "etcd: " + now + "; " + node.name() + " is no member (removed already): etcd"
                    + " is not affected");
        }
        Map<String, String> rest = new LinkedHashMap<>(members);
        rest.remove(node.address());
        rest.values().remove(node.name());
        if (rest.isEmpty()) {
            return new Verdict(false, "etcd: " + now + "; " + node.name() + " is its only member: removing it ends"
                    + " the cluster; tear the cluster down instead");
        }
        int quorum = rest.size() / 2 + 1;
        int running = startedCount(rest);
        List<String> down = new ArrayList<>();
        rest.forEach((address, name) -> {
            if (!started.contains(address)) {
                down.add(name);
            }
        });
        String after = "without " + node.name() + ": " + rest.size() + " members, " + running + " started, quorum " + quorum;
        if (running < quorum) {
            return new Verdict(false, "etcd would lose quorum: " + now + "; " + after + " ("
                    + String.join(", ", down) + (down.size() == 1 ? " is" : " are") + " not running), so etcd and"
                    + " the API would stop. Bring " + String.join(", ", down) + " back up first, or remove "
                    + (down.size() == 1 ? "it" : "them") + " instead.");
        }
        return new Verdict(true, "etcd: " + now + "; " + after + ": etcd keeps its quorum"
                + (down.isEmpty() ? "" : " (" + String.join(", ", down) + " not running)"));
    }

    private int startedCount(Map<String, String> byAddress) {
        return (int) byAddress.keySet().stream().filter(started::contains).count();
    }

    private static String names(List<Node> nodes) {
        return nodes.stream().map(Node::name).collect(Collectors.joining(", "));
    }
}
