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
import io.kubeorch.model.Variables;
import io.kubeorch.steps.DecisionRequiredException;
import io.kubeorch.steps.NodeStep;
import io.kubeorch.steps.StepResult;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Runs a read-only step on every node at once, from one service task: the host checks that must
 * all pass before any node is changed. (Steps that change nodes run in per-node processes.)
 * Its facts become one summary variable, shown to the operator who approves {@code kubeadm init}.
 */
final class EveryNodeDelegate implements JavaDelegate {

    private static final int MAX_PARALLEL = 32;

    private final NodeStep step;
    private final StepRunner runner;

    EveryNodeDelegate(NodeStep step, StepRunner runner) {
        this.step = step;
        this.runner = runner;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        StepRunner.Call call = runner.call(execution);
        List<Node> nodes = call.inventory().nodes();
        Map<Node, Future<StepResult>> running = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, nodes.size()));
        try {
            for (Node node : nodes) {
                running.put(node, pool.submit(() -> runner.run(step, call, node)));
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
                throw new BpmnError(errorCode, String.join("\n", unfit));
            }
            execution.setVariable(Variables.HOST_SUMMARY, fitting(summary));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A string process variable holds at most 4000 characters (Camunda's TEXT_ column). */
    static final int SUMMARY_LIMIT = 4000;

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
