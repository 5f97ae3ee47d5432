package io.kubeorch.steps;

import java.util.ArrayList;
import java.util.List;

/**
 * What a host must be for kubeorch to install on it: openEuler 24.03, and for a control plane what
 * kubeadm init's preflight demands (2 CPUs, 1700 MB of memory). Problems are worded like kubeadm's
 * own checks, so an operator finds them in kubeadm's documentation.
 */
final class HostRequirements {

    static final String OS_ID = "openEuler";
    static final String OS_VERSION = "24.03";
    static final int MIN_CPUS = 2;
    static final int MIN_MEMORY_MB = 1700;

    private HostRequirements() {
    }

    static List<String> problems(boolean controlPlane, String osId, String osVersion, String osName,
            int cpus, int memoryMb) {
        List<String> problems = new ArrayList<>();
        if (!OS_ID.equalsIgnoreCase(osId) || !OS_VERSION.equals(osVersion)) {
            problems.add("the operating system is " + osName + " (ID=" + osId + ", VERSION_ID=" + osVersion
                    + "); kubeorch installs on " + OS_ID + " " + OS_VERSION + " only");
        }
        if (controlPlane && cpus < MIN_CPUS) {
            problems.add("[ERROR NumCPU]: the number of available CPUs " + cpus + " is less than the required "
                    + MIN_CPUS);
        }
        if (controlPlane && memoryMb < MIN_MEMORY_MB) {
            problems.add("[ERROR Mem]: the system RAM (" + memoryMb + " MB) is less than the minimum "
                    + MIN_MEMORY_MB + " MB");
        }
        return problems;
    }
}
