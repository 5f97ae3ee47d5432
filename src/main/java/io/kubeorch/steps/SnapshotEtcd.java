package io.kubeorch.steps;

import java.util.Map;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * Before a control plane's removal (on a control plane that remains) or a teardown (on a control
 * plane, itself last): an etcd snapshot, kept on that host at
 * /var/lib/kubeorch/etcd-snapshots/etcd-&lt;operation id&gt;.db, one per operation. Nothing for a
 * worker's removal: etcd does not change. The fact {@code snapshot} says where it is. Runs
 * {@code scripts/snapshot-etcd.sh}.
 */
@Component("snapshotEtcd")
class SnapshotEtcd extends ScriptStep {

    SnapshotEtcd() {
        super("snapshotEtcd", "snapshot-etcd.sh");
    }

    @Override
    public StepResult run(StepContext context) {
        if (!context.node().isControlPlane()) {
            return new StepResult(false, Map.of("snapshot", "none: " + context.node().name() + " is not a control plane,"
                    + " etcd does not change"));
        }
        RemoteCommand command = script().command(context.timeout())
                .env("SNAPSHOT_NAME", "etcd-" + context.installId() + ".db").build();
        ThroughControlPlanes.Served served = ThroughControlPlanes.run(context, name(), script(), command,
                ThroughControlPlanes.candidates(context, true), "take an etcd snapshot");
        StepResult result = toResult(served.output());
        Map<String, String> facts = new java.util.LinkedHashMap<>(result.facts());
        facts.put("snapshot", served.node().name() + ":" + served.output().fact("snapshot"));
        return new StepResult(result.changed(), facts);
    }
}
