package io.kubeorch.steps;

import org.springframework.stereotype.Component;

/** Guide step 5: overlay and br_netfilter loaded, bridge netfilter and forwarding sysctls set, now and at boot. Runs {@code scripts/configure-kernel-networking.sh}. */
@Component("configureKernelNetworking")
class ConfigureKernelNetworking extends ScriptStep {

    ConfigureKernelNetworking() {
        super("configureKernelNetworking", "configure-kernel-networking.sh");
    }
}
