package io.kubeorch.steps;

import org.springframework.stereotype.Component;

/** Guide step 13: containerd enabled and running. Runs {@code scripts/start-containerd.sh}. */
@Component("startContainerd")
class StartContainerd extends ScriptStep {

    StartContainerd() {
        super("startContainerd", "start-containerd.sh");
    }
}
