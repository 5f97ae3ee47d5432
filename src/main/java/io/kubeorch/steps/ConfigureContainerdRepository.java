package io.kubeorch.steps;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/** Guide step 7: a containerd package repository, only when the inventory names one. Runs {@code scripts/configure-containerd-repository.sh}. */
@Component("configureContainerdRepository")
class ConfigureContainerdRepository extends ScriptStep {

    ConfigureContainerdRepository() {
        super("configureContainerdRepository", "configure-containerd-repository.sh");
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        String url = context.inventory().repositories().containerd();
        return url == null ? command : command.env("CONTAINERD_REPO_URL", url);
    }
}
