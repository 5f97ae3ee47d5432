package io.kubeorch.steps;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.model.ErrorCodes;
import io.kubeorch.model.Variables;
import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * Before a control plane's removal, read-only: asks a control plane's etcd (any that answers, the
 * node itself last) for its members and which of them run, and refuses the removal
 * ({@code ETCD_QUORUM_AT_RISK}, before the approval and any change) when etcd has no quorum now or
 * would lose it without the node. The fact {@code etcdStatus} says how it stands, for the approval.
 * Nothing to check for a worker. Runs {@code scripts/check-etcd-quorum.sh}.
 */
@Component("checkEtcdQuorum")
class CheckEtcdQuorum extends ScriptStep {

    CheckEtcdQuorum() {
        super("checkEtcdQuorum", "check-etcd-quorum.sh");
    }

    @Override
    public StepResult run(StepContext context) {
        Node node = context.node();
        if (!node.isControlPlane()) {
            return new StepResult(false, Map.of(Variables.ETCD_STATUS, node.name() + " is not a control plane: etcd is not"
                    + " affected"));
        }
        RemoteCommand command = script().command(context.timeout())
                .env("CONTROL_PLANE_ADDRESSES", context.inventory().controlPlanes().stream().map(Node::address)
                        .collect(Collectors.joining(" ")))
                .build();
        ThroughControlPlanes.Served served = ThroughControlPlanes.run(context, name(), script(), command,
                ThroughControlPlanes.candidates(context, true), "report etcd's members");
        EtcdQuorum quorum = EtcdQuorum.of(served.output().fact("members"), served.output().fact("startedAddresses"),
                served.output().fact("membersError"));
        EtcdQuorum.Verdict verdict = quorum.afterRemoving(node, context.inventory().controlPlanes());
        if (!verdict.safe()) {
            throw new DecisionRequiredException(ErrorCodes.ETCD_QUORUM_AT_RISK, "removing " + node.name()
                    + " is refused: " + verdict.status());
        }
        return new StepResult(false, Map.of(Variables.ETCD_STATUS, verdict.status() + " (as " + served.node().name()
                + "'s etcd reported)"));
    }

    @Override
    public Set<String> processVariables() {
        return Set.of(Variables.ETCD_STATUS);
    }
}
