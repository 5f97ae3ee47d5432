package io.kubeorch.model;

import java.util.Set;

/** User task ids of the operations that are not decisions (those are {@link DecisionTask}). */
public final class UserTasks {

    /** The operator's approval before {@code kubeadm init}. */
    public static final String APPROVE_INIT = "approveInit";
    /** The approval of what will join a cluster, after the new nodes are prepared. */
    public static final String APPROVE_NODES = "approveNodes";
    /** The approval of a node's removal: what will happen to it, to etcd and to the proxies. */
    public static final String APPROVE_NODE_REMOVAL = "approveNodeRemoval";
    /** The approval of a teardown, naming the cluster and every host. */
    public static final String APPROVE_TEARDOWN = "approveTeardown";

    /** Every approval: completed with {@link Variables#APPROVED}, each process waits for at most one at a time. */
    public static final Set<String> APPROVALS = Set.of(APPROVE_INIT, APPROVE_NODES, APPROVE_NODE_REMOVAL, APPROVE_TEARDOWN);

    private UserTasks() {
    }
}
