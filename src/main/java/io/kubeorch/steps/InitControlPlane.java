package io.kubeorch.steps;

import java.util.Set;

import io.kubeorch.model.Variables;
import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * Guide step 21, first control plane: {@code kubeadm init --config /etc/kubernetes/kubeadm-config.yaml},
 * with {@code --upload-certs} when further control planes will join. Unchanged when admin.conf
 * exists and the API server answers; either way the fact {@code initialized} ({@code now} or
 * {@code already}) tells the install view. Runs {@code scripts/init-control-plane.sh}.
 */
@Component("initControlPlane")
class InitControlPlane extends ScriptStep {

    InitControlPlane() {
        super("initControlPlane", "init-control-plane.sh");
    }

    @Override
    public Set<String> processVariables() {
        return Set.of(Variables.CLUSTER_INITIALIZED);
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        boolean moreControlPlanes = !context.inventory().joiningControlPlanes().isEmpty();
        return command.env("UPLOAD_CERTS", Boolean.toString(moreControlPlanes));
    }
}
