package io.kubeorch.cluster;

import io.kubeorch.install.Approvals;
import io.kubeorch.install.Installs;
import org.springframework.stereotype.Service;

/**
 * An operation's approval and decisions, given like an install's ({@link Approvals}): a day-2
 * operation's by its root process, an install's as the install's.
 */
@Service
public class OperationApprovals {

    private final Operations operations;
    private final Approvals approvals;
    private final Installs installs;

    OperationApprovals(Operations operations, Approvals approvals, Installs installs) {
        this.operations = operations;
        this.approvals = approvals;
        this.installs = installs;
    }

    /**
     * @throws OperationNotFoundException when no operation has this id
     * @throws IllegalStateException when it does not wait for an approval
     */
    public void approve(String id, boolean approved, String comment) {
        var operation = operations.find(id);
        if (operation.isPresent()) {
            approvals.approveIn(operation.get().processInstanceId(), "operation " + id, path(id), approved, comment);
        } else {
            requireInstall(id);
            approvals.approve(id, approved, comment);
        }
    }

    /**
     * @throws OperationNotFoundException when no operation has this id
     * @throws IllegalStateException when it does not wait for a decision
     * @throws IllegalArgumentException when the decision is not one of the waiting task's choices
     */
    public void decide(String id, String decision, String comment) {
        var operation = operations.find(id);
        if (operation.isPresent()) {
            approvals.decideIn(operation.get().processInstanceId(), "operation " + id, path(id), decision, comment);
        } else {
            requireInstall(id);
            approvals.decide(id, decision, comment);
        }
    }

    private void requireInstall(String id) {
        if (installs.find(id).isEmpty()) {
            throw new OperationNotFoundException(id);
        }
    }

    private static String path(String id) {
        return "/api/operations/" + id;
    }
}
