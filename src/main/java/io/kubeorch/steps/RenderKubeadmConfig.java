package io.kubeorch.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.kubeorch.model.Variables;
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
    public Set<String> processVariables() {
        return Set.of(Variables.KUBEADM_CONFIG);
    }

    @Override
    protected StepResult result(StepContext context, ScriptOutput output) {
        StepResult result = toResult(output);
        Map<String, String> facts = new LinkedHashMap<>(result.facts());
        facts.put(Variables.KUBEADM_CONFIG, KubeadmConfig.render(context.inventory(), context.node()));
        return new StepResult(result.changed(), facts);
    }
}
