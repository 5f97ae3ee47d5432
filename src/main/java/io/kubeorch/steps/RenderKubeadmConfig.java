package io.kubeorch.steps;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.ScriptOutput;
import org.springframework.stereotype.Component;

/**
 * Guide step 19, first control plane: /etc/kubernetes/kubeadm-config.yaml as {@link KubeadmConfig}
 * renders it, written when it differs. The fact {@code kubeadmConfig} holds the content for the
 * approval screen. Runs {@code scripts/render-kubeadm-config.sh}.
 */
@Component("renderKubeadmConfig")
class RenderKubeadmConfig extends ScriptStep {

    RenderKubeadmConfig() {
        super("renderKubeadmConfig", "render-kubeadm-config.sh");
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("KUBEADM_CONFIG", KubeadmConfig.render(context.inventory(), context.node()));
    }

    @Override
    protected StepResult result(StepContext context, ScriptOutput output) {
        StepResult result = toResult(output);
        Map<String, String> facts = new LinkedHashMap<>(result.facts());
        facts.put("kubeadmConfig", KubeadmConfig.render(context.inventory(), context.node()));
        return new StepResult(result.changed(), facts);
    }
}
