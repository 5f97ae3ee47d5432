package io.kubeorch.steps;

import org.springframework.stereotype.Component;

/** Guide step 6: swap off now and in /etc/fstab. Runs {@code scripts/disable-swap.sh}. */
@Component("disableSwap")
class DisableSwap extends ScriptStep {

    DisableSwap() {
        super("disableSwap", "disable-swap.sh");
    }
}
