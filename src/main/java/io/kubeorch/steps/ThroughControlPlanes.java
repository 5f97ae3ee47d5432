package io.kubeorch.steps;

import java.util.ArrayList;
import java.util.List;

import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.ScriptOutput;
import io.kubeorch.ssh.SshException;

/**
 * A step about one node (the one being removed, usually) that runs its script on a control plane:
 * the first that can serve it, in inventory order, the other control planes before the node itself.
 * A control plane that cannot (down, its API server or etcd not answering there: the script says
 * {@code unavailable}) is passed over, and when none can the step fails naming each one's reason.
 * So a removal does not depend on the first control plane, nor on the node it removes.
 */
final class ThroughControlPlanes {

    private ThroughControlPlanes() {
    }

    /** Where the script ran and what it said. */
    record Served(Node node, ScriptOutput output) {
    }

    /** The control planes other than the step's node, in inventory order; then the node itself when {@code orItself} and it is one. */
    static List<Node> candidates(StepContext context, boolean orItself) {
        List<Node> candidates = new ArrayList<>(context.inventory().controlPlanes().stream()
                .filter(node -> !node.name().equals(context.node().name())).toList());
        if (orItself && context.node().isControlPlane()) {
            candidates.add(context.node());
        }
        return candidates;
    }

    /** @throws StepFailedException when no candidate can serve the script; the message lists why, each */
    static Served run(StepContext context, String step, Script script, RemoteCommand command, List<Node> candidates,
            String what) {
        List<String> reasons = new ArrayList<>();
        for (Node controlPlane : candidates) {
            try {
                ScriptOutput output = controlPlane.name().equals(context.node().name())
                        ? script.run(step, context.host(), command)
                        : runOn(context, controlPlane, step, script, command);
                if (!output.facts().containsKey("unavailable")) {
                    return new Served(controlPlane, output);
                }
                reasons.add(controlPlane.name() + ": " + output.fact("unavailable"));
            } catch (SshException e) {
                reasons.add(controlPlane.name() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        throw new StepFailedException(step + " found no control plane that can " + what + " for "
                + context.node().name() + (reasons.isEmpty() ? ": the cluster has no other control plane"
                        : ":\n" + String.join("\n", reasons))
                + "\nBring one of them back (its host up, its kubelet, API server and etcd running), then retry.");
    }

    private static ScriptOutput runOn(StepContext context, Node controlPlane, String step, Script script,
            RemoteCommand command) {
        try (RemoteHost host = context.hosts().open(controlPlane)) {
            return script.run(step + " (on " + controlPlane.name() + ")", host, command);
        }
    }
}
