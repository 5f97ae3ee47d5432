package io.kubeorch.steps;

import org.springframework.stereotype.Component;

/** Guide step 1: firewalld stopped and disabled. Runs {@code scripts/disable-firewall.sh}. */
@Component("disableFirewall")
class DisableFirewall extends ScriptStep {

    DisableFirewall() {
        super("disableFirewall", "disable-firewall.sh");
    }
}
