package io.kubeorch.steps;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/** Guide step 15: kubelet, kubeadm and kubectl at the cluster's version. Runs {@code scripts/install-kubernetes-packages.sh}. */
@Component("installKubernetesPackages")
class InstallKubernetesPackages extends ScriptStep {

    InstallKubernetesPackages() {
        super("installKubernetesPackages", "install-kubernetes-packages.sh");
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("KUBERNETES_VERSION", context.inventory().kubernetes().version());
    }
}
