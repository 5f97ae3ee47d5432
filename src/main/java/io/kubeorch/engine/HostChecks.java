package io.kubeorch.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.steps.DecisionRequiredException;
import io.kubeorch.steps.HostCheck;
import io.kubeorch.steps.StepResult;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * Runs a host check on every node at once, for one task: the checks that must all pass before any
 * node is changed. Its facts become one summary, shown to the operator who approves
 * {@code kubeadm init}; every unfit node is named in one decision.
 */
@Component
class HostChecks {

    /** A string process variable holds at most 4000 characters (Camunda's TEXT_ column). */
    static final int SUMMARY_LIMIT = 4000;

    private final StepRunner runner;
    private final ExecutorService nodes = Executors.newCachedThreadPool(Threads.named("host-check"));

    HostChecks(StepRunner runner) {
        this.runner = runner;
    }

    /**
     * @return the summary of every node's facts, a line per node (or per group of alike nodes)
     * @throws DecisionRequiredException naming every node that failed the check, when one did
     */
    String run(HostCheck check, StepRunner.Call call) throws InterruptedException {
        Map<Node, Future<StepResult>> running = new LinkedHashMap<>();
        try {
            for (Node node : call.inventory().nodes()) {
                running.put(node, nodes.submit(() -> runner.run(check, call, node)));
            }
            Map<String, String> summary = new TreeMap<>();
            List<String> unfit = new ArrayList<>();
            String errorCode = null;
            RuntimeException failure = null;
            for (var entry : running.entrySet()) {
                Node node = entry.getKey();
                try {
                    summary.put(node.name(), describe(node, entry.getValue().get().facts()));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof DecisionRequiredException decision) {
                        errorCode = decision.errorCode();
                        unfit.add(node.name() + ": " + decision.getMessage());
                    } else if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            if (errorCode != null) {
                throw new DecisionRequiredException(errorCode, String.join("\n", unfit));
            }
            return fitting(summary);
        } finally {
            running.values().forEach(future -> future.cancel(true));
        }
    }

    @PreDestroy
    void stop() {
        nodes.shutdownNow();
    }

    /**
     * One line per node; for a cluster too large for that (about 35 nodes and more), one line per
     * group of nodes with the same roles and facts, naming its nodes; cut to the limit if still too long.
     */
    static String fitting(Map<String, String> lines) {
        String all = String.join("\n", lines.values());
        if (all.length() <= SUMMARY_LIMIT) {
            return all;
        }
        Map<String, List<String>> groups = new TreeMap<>();
        for (Map.Entry<String, String> line : lines.entrySet()) {
            String rest = line.getValue().substring(line.getValue().indexOf(" [") + 1);
            groups.computeIfAbsent(rest, k -> new ArrayList<>()).add(line.getKey());
        }
        String grouped = groups.entrySet().stream()
                .map(group -> group.getValue().size() + " nodes " + group.getKey() + ": " + String.join(", ", group.getValue()))
                .collect(Collectors.joining("\n"));
        if (grouped.length() <= SUMMARY_LIMIT) {
            return grouped;
        }
        String cut = "\n... (cut; every node's facts are in the command records of checkHostRequirements)";
        return grouped.substring(0, SUMMARY_LIMIT - cut.length()) + cut;
    }

    private static String describe(Node node, Map<String, String> facts) {
        String roles = node.roles().stream().map(Inventory.Role::label).collect(Collectors.joining(","));
        String known = new TreeMap<>(facts).entrySet().stream()
                .map(fact -> fact.getKey() + "=" + fact.getValue())
                .collect(Collectors.joining(" "));
        return node.name() + " " + node.address() + " [" + roles + "] " + known;
    }
}
