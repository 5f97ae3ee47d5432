package io.kubeorch.steps;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * Guide step 21, first control plane: {@code kubeadm init --config /etc/kubernetes/kubeadm-config.yaml},
 * with {@code --upload-certs} when further control planes will join. Unchanged when admin.conf
 * exists and the API server answers. Runs {@code scripts/init-control-plane.sh}.
 */
@Component("initControlPlane")
class InitControlPlane extends ScriptStep {

    InitControlPlane() {
        super("initControlPlane", "init-control-plane.sh");
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        boolean moreControlPlanes = !context.inventory().joiningControlPlanes().isEmpty();
        return command.env("UPLOAD_CERTS", Boolean.toString(moreControlPlanes));
    }
}
