package io.kubeorch.steps;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/** Guide step 18, first control plane: the pinned version's control-plane images pulled ahead of init. Runs {@code scripts/pull-images.sh}. */
@Component("pullImages")
class PullImages extends ScriptStep {

    PullImages() {
        super("pullImages", "pull-images.sh");
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("KUBERNETES_VERSION", context.inventory().kubernetes().version())
                .env("IMAGE_REPOSITORY", context.inventory().kubernetes().imageRepository());
    }
}
