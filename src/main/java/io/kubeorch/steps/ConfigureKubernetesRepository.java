package io.kubeorch.steps;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/** Guide step 14: the inventory's Kubernetes package repository. Runs {@code scripts/configure-kubernetes-repository.sh}. */
@Component("configureKubernetesRepository")
class ConfigureKubernetesRepository extends ScriptStep {

    ConfigureKubernetesRepository() {
        super("configureKubernetesRepository", "configure-kubernetes-repository.sh");
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("KUBERNETES_REPO_URL", context.inventory().repositories().kubernetes());
    }
}
