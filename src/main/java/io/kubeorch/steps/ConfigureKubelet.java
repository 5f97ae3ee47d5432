package io.kubeorch.steps;

import org.springframework.stereotype.Component;

/** Guide steps 16-17: kubelet on the systemd cgroup driver, enabled. Runs {@code scripts/configure-kubelet.sh}. */
@Component("configureKubelet")
class ConfigureKubelet extends ScriptStep {

    ConfigureKubelet() {
        super("configureKubelet", "configure-kubelet.sh");
    }
}
