package io.kubeorch.steps;

import java.util.Map;

import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * Removing a control plane: its etcd member out of the cluster, from a control plane that remains
 * (never the node itself). {@code kubectl delete node} leaves the member behind, counting against
 * quorum; this step is why it does not stay. Nothing for a worker, or a member that is gone already.
 * Runs {@code scripts/remove-etcd-member.sh}.
 */
@Component("removeEtcdMember")
class RemoveEtcdMember extends ScriptStep {

    RemoveEtcdMember() {
        super("removeEtcdMember", "remove-etcd-member.sh");
    }

    @Override
    public StepResult run(StepContext context) {
        Node node = context.node();
        if (!node.isControlPlane()) {
            return new StepResult(false, Map.of("etcdMember", "none: " + node.name() + " is not a control plane"));
        }
        RemoteCommand command = script().command(context.timeout())
                .env("MEMBER_NAME", node.name()).env("MEMBER_ADDRESS", node.address()).build();
        return toResult(ThroughControlPlanes.run(context, name(), script(), command,
                ThroughControlPlanes.candidates(context, false), "remove its etcd member").output());
    }
}
