package io.kubeorch.steps;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/** Guide steps 9-12: containerd's default config with the systemd cgroup driver, the sandbox image and registry mirrors. Runs {@code scripts/configure-containerd.sh}. */
@Component("configureContainerd")
class ConfigureContainerd extends ScriptStep {

    ConfigureContainerd() {
        super("configureContainerd", "configure-containerd.sh");
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("SANDBOX_IMAGE", context.inventory().containerd().sandboxImage())
                .env("REGISTRY_MIRRORS", String.join("\n", context.inventory().containerd().registryMirrors()));
    }
}
