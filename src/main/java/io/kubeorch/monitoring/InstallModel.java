package io.kubeorch.monitoring;

import io.kubeorch.process.InstallStarter;

/**
 * The names of the install model that the install gauges count by (InstallModelNamesTest checks
 * them against processes/install-cluster.bpmn).
 */
final class InstallModel {

    static final String PROCESS = InstallStarter.PROCESS_KEY;
    /** The user task before {@code kubeadm init}. */
    static final String APPROVAL_TASK = "approveInit";
    /** Every user task on which an operator decides how a failed install goes on starts with it. */
    static final String DECISION_TASK_PREFIX = "decideOn";

    private InstallModel() {
    }
}
