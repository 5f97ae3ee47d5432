package io.kubeorch.steps;

import org.springframework.stereotype.Component;

/** Guide step 2: SELinux permissive now, disabled after reboot. Runs {@code scripts/disable-selinux.sh}. */
@Component("disableSelinux")
class DisableSelinux extends ScriptStep {

    DisableSelinux() {
        super("disableSelinux", "disable-selinux.sh");
    }
}
