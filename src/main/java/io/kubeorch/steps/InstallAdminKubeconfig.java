package io.kubeorch.steps;

import org.springframework.stereotype.Component;

/** Guide step 22, first control plane: the admin's kubeconfig in $HOME/.kube/config. Runs {@code scripts/install-admin-kubeconfig.sh}. */
@Component("installAdminKubeconfig")
class InstallAdminKubeconfig extends ScriptStep {

    InstallAdminKubeconfig() {
        super("installAdminKubeconfig", "install-admin-kubeconfig.sh");
    }
}
