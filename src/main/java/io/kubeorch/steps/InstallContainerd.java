package io.kubeorch.steps;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/** Guide step 8: containerd at the pinned version. Runs {@code scripts/install-containerd.sh}. */
@Component("installContainerd")
class InstallContainerd extends ScriptStep {

    InstallContainerd() {
        super("installContainerd", "install-containerd.sh");
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("CONTAINERD_VERSION", context.inventory().containerd().version());
    }
}
